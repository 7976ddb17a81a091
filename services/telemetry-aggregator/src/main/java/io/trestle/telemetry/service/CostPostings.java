package io.trestle.telemetry.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Measure;
import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.domain.LineValues;
import io.trestle.telemetry.domain.PostedLine;

/** Builds the cost posting of one line of one asset's window. */
public final class CostPostings {

    public static final String SOURCE_SYSTEM = "trestle.telemetry-aggregator";

    private CostPostings() {
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

    public static CostPosting toPosting(PostedLine line, String assetId, Instant windowStart, Instant windowEnd,
            Instant computedAt) {
        LineValues values = line.values();
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.fromString(line.postingId()))
                .setSourceSystem(SOURCE_SYSTEM)
                .setSourceRecordId(line.postingId())
                .setOccurredAt(windowEnd)
                .setIngestedAt(computedAt)
                .setCorrelationId(null)
                .setResolvedFrom(List.of())
                .build();
        return CostPosting.newBuilder()
                .setMetadata(metadata)
                .setPostingId(line.postingId())
                .setProjectId(line.key().projectId())
                .setTaskId(values.taskId())
                .setCostCodeId(line.key().costCodeId())
                .setAssetId(assetId)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setOperatingHours(values.operatingHours())
                .setIdleHours(values.idleHours())
                .setFuelUsed(values.fuelUsed() == null ? null : new Measure(values.fuelUsed(), values.fuelUnit()))
                .setAmount(values.amount())
                .setCurrency(values.currency())
                .setHourlyRate(values.hourlyRate())
                .setCorrectionOf(line.revision() == 0 ? null : line.originalPostingId())
                .setRevision(line.revision())
                .build();
    }
}
