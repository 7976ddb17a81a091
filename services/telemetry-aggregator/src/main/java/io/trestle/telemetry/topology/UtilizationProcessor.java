package io.trestle.telemetry.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.trestle.schema.analytics.AssetUtilization;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.domain.AssetDay;
import io.trestle.telemetry.domain.DayUtilization;
import io.trestle.telemetry.domain.LineHours;
import io.trestle.telemetry.service.CostPostings;

/**
 * Sums the cost postings of each asset per UTC day into its utilization, from the very lines the ledger posted, so the
 * figures analysts see match what was booked; corrections replace their line. Publishes the day whenever its totals
 * change, keyed {@code <assetId>|<day>} for the compacted topic.
 *
 * <p>
 * Runs in the ledger's task (the postings are not repartitioned), so every posting of an asset arrives here, in order,
 * and the store is partitioned like the telemetry: by asset id. A window belongs to the day it starts in; windows of a
 * day or less, aligned to the epoch as the ledger's are, never straddle midnight.
 *
 * <p>
 * Days past the {@link AnalyticsRetention} leave both stores (the day-first store is their index); the compacted topic
 * keeps them for downstream analytics.
 */
class UtilizationProcessor implements Processor<String, CostPosting, String, AssetUtilization> {

    private final Clock clock;
    private final AnalyticsRetention retention;
    private ProcessorContext<String, AssetUtilization> context;
    private KeyValueStore<String, AssetDay> days;
    private KeyValueStore<String, DayUtilization> byDay;

    UtilizationProcessor(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = new AnalyticsRetention(retention);
    }

    @Override
    public void init(ProcessorContext<String, AssetUtilization> context) {
        this.context = context;
        this.days = context.getStateStore(UsageTopology.UTILIZATION_STORE);
        this.byDay = context.getStateStore(UsageTopology.DAILY_UTILIZATION_STORE);
    }

    @Override
    public void process(Record<String, CostPosting> record) {
        CostPosting posting = record.value();
        retention.advance(posting.getWindowEnd()).ifPresent(firstKept -> AnalyticsRetention.purge(byDay, firstKept,
                expired -> days.delete(AnalyticsKeys.assetDay(expired.value.assetId(),
                        LocalDate.parse(expired.value.day())))));
        String assetId = posting.getAssetId();
        LocalDate day = LocalDate.ofInstant(posting.getWindowStart(), ZoneOffset.UTC);
        String key = AnalyticsKeys.assetDay(assetId, day);
        AssetDay before = Optional.ofNullable(days.get(key)).orElse(AssetDay.EMPTY);
        String lineId = posting.getWindowStart().toEpochMilli() + "|" + posting.getProjectId() + "|"
                + posting.getCostCodeId();
        AssetDay after = before.with(lineId, new LineHours(Optional.ofNullable(posting.getRevision()).orElse(0),
                posting.getOperatingHours(), Optional.ofNullable(posting.getIdleHours()).orElse(0.0)));
        if (after.equals(before)) {
            return;
        }
        days.put(key, after);
        DayUtilization utilization = DayUtilization.of(assetId, day.toString(), after);
        DayUtilization previous = byDay.get(AnalyticsKeys.dayAsset(day, assetId));
        byDay.put(AnalyticsKeys.dayAsset(day, assetId), utilization);
        if (!utilization.equals(previous)) {
            context.forward(record.withKey(key).withValue(toEvent(key, utilization, posting.getWindowEnd())));
        }
    }

    private AssetUtilization toEvent(String key, DayUtilization utilization, Instant occurredAt) {
        // Same figures, same id: a replay after a crash republishes the same event, which consumers drop.
        String identity = key + "|" + utilization.operatingHours() + "|" + utilization.idleHours();
        String eventId = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
        return AssetUtilization.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.fromString(eventId))
                        .setSourceSystem(CostPostings.SOURCE_SYSTEM)
                        .setSourceRecordId(key)
                        .setOccurredAt(occurredAt)
                        .setIngestedAt(clock.instant())
                        .setCorrelationId(null)
                        .setResolvedFrom(List.of())
                        .build())
                .setAssetId(utilization.assetId())
                .setUsageDate(LocalDate.parse(utilization.day()))
                .setOperatingHours(utilization.operatingHours())
                .setIdleHours(utilization.idleHours())
                .setAvailableHours(utilization.availableHours())
                .setUtilization(utilization.utilization())
                .build();
    }
}
