package io.trestle.telemetry.topology;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.telemetry.config.AggregatorConfig;
import io.trestle.telemetry.config.AssetRates;
import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;
import io.trestle.telemetry.domain.WindowUsage;
import io.trestle.telemetry.service.CostPostings;
import io.trestle.telemetry.service.CostPostings.PricedWindow;
import io.trestle.telemetry.service.CounterDeltas;

/**
 * Telemetry → per-asset usage deltas → tumbling windows → one cost posting per asset and window when the window closes.
 * Every store and stateful operator is named, so their changelog and repartition topics keep their names when the
 * topology changes.
 */
public final class UsageTopology {

    public static final String COUNTER_STORE = "asset-counter-state";
    public static final String USAGE_STORE = "asset-window-usage";
    /** Key of this service's quarantine entries (the catalogue keys quarantine by the detecting service). */
    static final String QUARANTINE_KEY = "telemetry-aggregator";

    private UsageTopology() {
    }

    /** The Avro serdes of the topics; tests and production pass ones bound to their registry. */
    public record TopicSerdes(Serde<TelemetryReading> telemetry, Serde<CostPosting> costPosting,
            Serde<QuarantinedEvent> quarantine) {
    }

    /**
     * What the topology needs to know, separate from how it is configured so tests can state it plainly. Checked when
     * built: a wrong rate or window must stop the service at start, not produce wrong money.
     */
    public record Settings(String telemetryTopic, String costPostingTopic, String quarantineTopic, Duration windowSize,
            Duration grace, CounterDeltas.Rules counterRules, String currency, BigDecimal defaultHourlyRate,
            Map<String, BigDecimal> assetHourlyRates, String unallocatedCostCode) {

        public Settings {
            require(!windowSize.isNegative() && !windowSize.isZero(),
                    "window size must be positive, was " + windowSize);
            require(!grace.isNegative(), "window grace must not be negative, was " + grace);
            require(counterRules.maxGap().compareTo(windowSize) >= 0,
                    "max reading gap " + counterRules.maxGap() + " must be at least the window size " + windowSize);
            require(counterRules.meterResolutionHours() >= 0, "meter resolution must not be negative");
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code", e);
            }
            require(defaultHourlyRate.signum() > 0, "default hourly rate must be positive, was " + defaultHourlyRate);
            assetHourlyRates.forEach((asset, rate) -> require(rate.signum() > 0,
                    "hourly rate of asset " + asset + " must be positive, was " + rate));
            assetHourlyRates = Map.copyOf(assetHourlyRates);
        }

        public static Settings from(AggregatorConfig config) {
            return new Settings(config.topics().telemetry(), config.topics().costPostings(),
                    config.topics().quarantine(), config.window().size(), config.window().grace(),
                    new CounterDeltas.Rules(config.counters().maxReadingGap(),
                            config.counters().meterResolutionHours()),
                    config.pricing().currency(), config.pricing().defaultHourlyRate(),
                    AssetRates.parse(config.pricing().assetHourlyRates().orElse(List.of())),
                    config.unallocatedCostCode());
        }

        BigDecimal hourlyRate(String assetId) {
            return assetHourlyRates.getOrDefault(assetId, defaultHourlyRate);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException("Invalid telemetry-aggregator configuration: " + message);
            }
        }
    }

    public static Topology build(Settings settings, TopicSerdes serdes, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTER_STORE),
                Serdes.String(), new ObjectMapperSerde<>(CounterState.class)));

        Map<String, KStream<String, UsageOutcome>> outcomes = builder.stream(settings.telemetryTopic(),
                Consumed.with(Serdes.String(), serdes.telemetry())
                        .withTimestampExtractor(new ReadingTimeExtractor())
                        .withName("telemetry-source"))
                .processValues(() -> new CounterDeltaProcessor(settings.windowSize(), settings.grace(),
                        settings.counterRules()), Named.as("counter-deltas"), COUNTER_STORE)
                .split(Named.as("outcome-"))
                .branch((assetId, outcome) -> outcome instanceof UsageOutcome.Flagged, Branched.as("flagged"))
                .defaultBranch(Branched.as("usage"));

        outcomes.get("outcome-flagged")
                .mapValues((assetId, outcome) -> quarantine(settings, assetId, (UsageOutcome.Flagged) outcome, clock),
                        Named.as("describe-flagged-usage"))
                .selectKey((assetId, event) -> QUARANTINE_KEY, Named.as("key-by-detector"))
                .to(settings.quarantineTopic(),
                        Produced.with(Serdes.String(), serdes.quarantine()).withName("quarantine-sink"));

        outcomes.get("outcome-usage")
                .mapValues(outcome -> ((UsageOutcome.Usage) outcome).delta(), Named.as("usage-delta"))
                .groupByKey(Grouped.with("usage-by-asset", Serdes.String(), new ObjectMapperSerde<>(UsageDelta.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.grace()))
                .aggregate(() -> WindowUsage.NONE, (assetId, delta, usage) -> usage.add(delta),
                        Named.as("sum-window-usage"),
                        Materialized.<String, WindowUsage, WindowStore<Bytes, byte[]>>as(USAGE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new ObjectMapperSerde<>(WindowUsage.class)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("until-window-closes"))
                .toStream(Named.as("closed-windows"))
                .filter((window, usage) -> usage.hasUsage(), Named.as("skip-windows-without-usage"))
                .map((window, usage) -> price(settings, window, usage, clock), Named.as("price-window-usage"))
                .to(settings.costPostingTopic(),
                        Produced.with(Serdes.String(), serdes.costPosting()).withName("cost-posting-sink"));
        return builder.build();
    }

    private static QuarantinedEvent quarantine(Settings settings, String assetId, UsageOutcome.Flagged flagged,
            Clock clock) {
        Instant now = Instant.now(clock);
        byte[] payload = flagged.readingJson().getBytes(StandardCharsets.UTF_8);
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(
                        String.join("\u0000", assetId, flagged.reasonCode(), flagged.message())
                                .getBytes(StandardCharsets.UTF_8)))
                .setSourceSystem(CostPostings.SOURCE_SYSTEM)
                .setSourceRecordId(null)
                .setOccurredAt(now)
                .setIngestedAt(now)
                .setCorrelationId(null)
                .setResolvedFrom(List.of())
                .build();
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata)
                .setDetectedBy(QUARANTINE_KEY)
                .setSourceTopic(settings.telemetryTopic())
                .setSourceKey(ByteBuffer.wrap(assetId.getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(payload))
                .setPayloadText(flagged.readingJson())
                .setContentType("application/json")
                .setReasonCode(flagged.reasonCode())
                .setMessage(flagged.message())
                .setFirstSeenAt(now)
                .build();
    }

    private static KeyValue<String, CostPosting> price(Settings settings, Windowed<String> window,
            WindowUsage usage, Clock clock) {
        String assetId = window.key();
        // No reservations are joined yet: all usage is booked on the unallocated cost code.
        PricedWindow line = new PricedWindow(null, settings.unallocatedCostCode(), assetId,
                window.window().startTime(), window.window().endTime(), usage, settings.hourlyRate(assetId),
                settings.currency());
        CostPosting posting = CostPostings.toPosting(line, Instant.now(clock));
        return KeyValue.pair(postingKey(posting), posting);
    }

    /** Postings are keyed by project so one project's lines stay in order; unallocated ones by their asset. */
    static String postingKey(CostPosting posting) {
        return posting.getProjectId() != null ? posting.getProjectId() : posting.getAssetId();
    }
}
