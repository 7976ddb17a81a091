package io.trestle.telemetry.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.UnallocatedReason;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.schema.operations.UnallocatedUsageStatus;
import io.trestle.telemetry.domain.LineValues;
import io.trestle.telemetry.domain.PostedLine;

/**
 * The business exception that goes with every posting of unallocated usage: OPEN while usage is on the unallocated cost
 * code, RESOLVED once a correction took it all off.
 */
public final class UnallocatedUsageEvents {

    private UnallocatedUsageEvents() {
    }

    public static UnallocatedUsageChanged of(PostedLine line, String assetId, Instant windowStart, Instant windowEnd,
            Instant computedAt) {
        LineValues values = line.values();
        boolean open = values.hasUsage();
        UnallocatedReason reason = UnallocatedReason.valueOf(line.unallocatedReason());
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(
                        ("unallocated-usage|" + line.postingId()).getBytes(StandardCharsets.UTF_8)))
                .setSourceSystem(CostPostings.SOURCE_SYSTEM)
                .setSourceRecordId(line.postingId())
                .setOccurredAt(windowEnd)
                .setIngestedAt(computedAt)
                .setCorrelationId(line.originalPostingId())
                .setResolvedFrom(List.of())
                .build();
        return UnallocatedUsageChanged.newBuilder()
                .setMetadata(metadata)
                .setExceptionId(line.originalPostingId())
                .setPostingId(line.postingId())
                .setRevision(line.revision())
                .setStatus(open ? UnallocatedUsageStatus.OPEN : UnallocatedUsageStatus.RESOLVED)
                .setReason(reason)
                .setAssetId(assetId)
                .setProjectId(line.key().projectId())
                .setTaskId(values.taskId())
                .setCostCodeId(line.key().costCodeId())
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setOperatingHours(values.operatingHours())
                .setIdleHours(values.idleHours())
                .setAmount(values.amount())
                .setCurrency(values.currency())
                .setMessage(message(open, reason, line, assetId, windowStart, windowEnd))
                .build();
    }

    private static String message(boolean open, UnallocatedReason reason, PostedLine line, String assetId,
            Instant windowStart, Instant windowEnd) {
        if (!open) {
            return "Asset %s %s–%s: no usage left on cost code %s after correction %d".formatted(assetId, windowStart,
                    windowEnd, line.key().costCodeId(), line.revision());
        }
        String why = reason == UnallocatedReason.NO_COST_CODE
                ? "its reservation for project " + line.key().projectId() + " names no cost code"
                : "no confirmed reservation covers it";
        return "Asset %s %s–%s: %s operating hours (%s %s) posted on cost code %s because %s".formatted(assetId,
                windowStart, windowEnd, line.values().operatingHours(), line.values().amount().toPlainString(),
                line.values().currency(), line.key().costCodeId(), why);
    }
}
