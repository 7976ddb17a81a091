package io.trestle.operations.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.trestle.operations.domain.AssetOperations;
import io.trestle.operations.domain.BookedReservation;
import io.trestle.operations.domain.Breakdown;
import io.trestle.operations.domain.Conflict;
import io.trestle.operations.domain.DerivedAvailability;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.operations.ConflictStatus;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.schedule.ReviewReason;
import io.trestle.schema.schedule.ScheduleReviewRequested;

/**
 * The events this service publishes. Event ids are name UUIDs of what the event says and when it was found, so a
 * conflict reopened later is a new event rather than a duplicate of its first opening; a review request's event id is
 * its request id, so asking twice for the same breakdown is recognisably one request.
 */
public final class OperationsEvents {

    /** Written into every event; events on the availability topic with this source are this service's own. */
    public static final String SOURCE_SYSTEM = "trestle.operations-processor";

    private OperationsEvents() {
    }

    /**
     * The events that take consumers from the conflicts published before to those found now: OPEN for new or changed
     * ones, RESOLVED for those gone; nothing for those unchanged.
     */
    public static List<ScheduleConflictChanged> conflictChanges(Map<String, Conflict> published,
            Map<String, Conflict> found, long now, String correlationId) {
        List<ScheduleConflictChanged> changes = new ArrayList<>();
        found.forEach((id, conflict) -> {
            if (!conflict.equals(published.get(id))) {
                changes.add(conflict(conflict, ConflictStatus.OPEN, now, correlationId));
            }
        });
        published.values().stream().filter(conflict -> !found.containsKey(conflict.conflictId()))
                .sorted(Comparator.comparing(Conflict::conflictId))
                .forEach(conflict -> changes.add(conflict(conflict, ConflictStatus.RESOLVED, now, correlationId)));
        return changes;
    }

    static ScheduleConflictChanged conflict(Conflict conflict, ConflictStatus status, long now,
            String correlationId) {
        return ScheduleConflictChanged.newBuilder()
                .setMetadata(metadata(uuid(conflict.conflictId(), status.name(), Long.toString(conflict.start()),
                        String.valueOf(conflict.end()), String.join(",", conflict.reservationIds()),
                        Long.toString(now)), conflict.conflictId(), now, correlationId))
                .setConflictId(conflict.conflictId())
                .setConflictType(conflict.type())
                .setStatus(status)
                .setSeverity(status == ConflictStatus.OPEN ? conflict.severity() : Severity.INFO)
                .setAssetId(conflict.assetId())
                .setProjectIds(conflict.projectIds())
                .setTaskIds(conflict.taskIds())
                .setReservationIds(conflict.reservationIds())
                .setOverlapStart(Instant.ofEpochMilli(conflict.start()))
                .setOverlapEnd(conflict.end() == null ? null : Instant.ofEpochMilli(conflict.end()))
                .setMessage(status == ConflictStatus.OPEN ? conflict.message() : "Resolved: " + conflict.message())
                .build();
    }

    public static AvailabilityChanged availability(String assetId, DerivedAvailability derived, long now,
            String correlationId) {
        return AvailabilityChanged.newBuilder()
                .setMetadata(metadata(uuid(assetId, derived.state().name(), Long.toString(derived.effectiveFrom()),
                        Long.toString(now)), assetId, now, correlationId))
                .setAssetId(assetId)
                .setState(derived.state())
                .setEffectiveFrom(Instant.ofEpochMilli(derived.effectiveFrom()))
                .setExpectedUntil(
                        derived.expectedUntil() == null ? null : Instant.ofEpochMilli(derived.expectedUntil()))
                .setReason(derived.reason())
                .setWorkOrderId(derived.workOrderId())
                .setFaultId(derived.faultId())
                .build();
    }

    /**
     * One request per project whose tasks hold the asset after the breakdown was detected, naming those tasks.
     * Reservations without a task are left to the conflict events: a review request must name a task.
     */
    public static List<ScheduleReviewRequested> breakdownReviews(String assetId, Breakdown breakdown,
            AssetOperations asset, long now, String correlationId) {
        Map<String, List<BookedReservation>> byProject = asset.reservations().values().stream()
                .filter(r -> r.holdsAsset() && r.taskId() != null && r.to() > breakdown.detectedAt())
                .collect(Collectors.groupingBy(BookedReservation::projectId, TreeMap::new, Collectors.toList()));
        return byProject.entrySet().stream().map(entry -> {
            String projectId = entry.getKey();
            List<BookedReservation> reservations = entry.getValue();
            String requestId = uuid("breakdown", assetId, breakdown.faultId(), projectId).toString();
            List<String> taskIds = reservations.stream().map(BookedReservation::taskId).distinct().sorted().toList();
            long affectedStart = reservations.stream().mapToLong(r -> Math.max(r.from(), breakdown.detectedAt())).min()
                    .orElseThrow();
            return ScheduleReviewRequested.newBuilder()
                    .setMetadata(metadata(UUID.fromString(requestId), breakdown.faultId(), now, correlationId))
                    .setReviewRequestId(requestId)
                    .setProjectId(projectId)
                    .setTaskIds(taskIds)
                    .setAssetId(assetId)
                    .setReason(ReviewReason.ASSET_BREAKDOWN)
                    .setSeverity(reservations.stream().anyMatch(BookedReservation::confirmed)
                            ? Severity.HIGH
                            : Severity.MEDIUM)
                    .setMessage("Asset %s down since %s (fault %s); task%s %s of project %s rel%s on it from %s"
                            .formatted(assetId, Instant.ofEpochMilli(breakdown.detectedAt()), breakdown.code(),
                                    taskIds.size() == 1 ? "" : "s", String.join(", ", taskIds), projectId,
                                    taskIds.size() == 1 ? "ies" : "y", Instant.ofEpochMilli(affectedStart)))
                    .setAffectedStart(Instant.ofEpochMilli(affectedStart))
                    .setAffectedEnd(null)
                    .setConflictId(null)
                    .build();
        }).sorted(Comparator.comparing(ScheduleReviewRequested::getProjectId)).toList();
    }

    private static EventMetadata metadata(UUID eventId, String sourceRecordId, long now, String correlationId) {
        Instant time = Instant.ofEpochMilli(now);
        return EventMetadata.newBuilder()
                .setEventId(eventId)
                .setSourceSystem(SOURCE_SYSTEM)
                .setSourceRecordId(sourceRecordId)
                .setOccurredAt(time)
                .setIngestedAt(time)
                .setCorrelationId(correlationId)
                .setResolvedFrom(List.of())
                .build();
    }

    static UUID uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
