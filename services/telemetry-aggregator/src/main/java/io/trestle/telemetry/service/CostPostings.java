package io.trestle.telemetry.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Measure;
import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.domain.WindowUsage;

/** Prices one asset's usage in one window and builds its cost posting. */
public final class CostPostings {

    public static final String SOURCE_SYSTEM = "trestle.telemetry-aggregator";
    private static final int AMOUNT_SCALE = 2;
    private static final int RATE_SCALE = 4;
    private static final int QUANTITY_SCALE = 6;
    /** Revision of a window's first posting; corrections for late data will count up from here. */
    private static final int ORIGINAL_REVISION = 0;

    private CostPostings() {
    }

    /** The line to post, priced and identified; {@code projectId} is null while usage is unallocated. */
    public record PricedWindow(String projectId, String costCodeId, String assetId, Instant windowStart,
            Instant windowEnd, WindowUsage usage, BigDecimal hourlyRate, String currency) {
    }

    /**
     * The posting id depends only on what the line is about, never on when it was computed, so that reprocessing after
     * a crash yields the same id and the Odoo sink can recognise a line it already wrote.
     */
    public static String postingId(String projectId, String costCodeId, String assetId, Instant windowStart,
            Instant windowEnd, int revision) {
        String identity = String.join("|", String.valueOf(projectId), costCodeId, assetId,
                windowStart.toString(), windowEnd.toString(), Integer.toString(revision));
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Quantities are sums of time-proportional shares of double counters; six decimals (3.6 ms of an hour, a
     * millilitre) keep the value and drop the binary noise ({@code 4.80000000000291}) analysts would otherwise see.
     */
    static double quantity(double value) {
        return BigDecimal.valueOf(value).setScale(QUANTITY_SCALE, RoundingMode.HALF_EVEN).doubleValue();
    }

    public static BigDecimal amount(double operatingHours, BigDecimal hourlyRate) {
        return BigDecimal.valueOf(operatingHours).multiply(hourlyRate).setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN);
    }

    public static CostPosting toPosting(PricedWindow line, Instant computedAt) {
        String postingId = postingId(line.projectId(), line.costCodeId(), line.assetId(), line.windowStart(),
                line.windowEnd(), ORIGINAL_REVISION);
        WindowUsage usage = line.usage();
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.fromString(postingId))
                .setSourceSystem(SOURCE_SYSTEM)
                .setSourceRecordId(postingId)
                .setOccurredAt(line.windowEnd())
                .setIngestedAt(computedAt)
                .setCorrelationId(null)
                .setResolvedFrom(List.of())
                .build();
        return CostPosting.newBuilder()
                .setMetadata(metadata)
                .setPostingId(postingId)
                .setProjectId(line.projectId())
                .setTaskId(null)
                .setCostCodeId(line.costCodeId())
                .setAssetId(line.assetId())
                .setWindowStart(line.windowStart())
                .setWindowEnd(line.windowEnd())
                .setOperatingHours(quantity(usage.operatingHours()))
                .setIdleHours(usage.idleHours() == null ? null : quantity(usage.idleHours()))
                .setFuelUsed(
                        usage.fuelUsed() == null ? null : new Measure(quantity(usage.fuelUsed()), usage.fuelUnit()))
                .setAmount(amount(usage.operatingHours(), line.hourlyRate()))
                .setCurrency(line.currency())
                .setHourlyRate(line.hourlyRate().setScale(RATE_SCALE, RoundingMode.HALF_EVEN))
                .setCorrectionOf(null)
                .setRevision(ORIGINAL_REVISION)
                .build();
    }
}
