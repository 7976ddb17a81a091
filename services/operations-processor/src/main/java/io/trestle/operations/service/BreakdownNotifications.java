package io.trestle.operations.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.trestle.operations.domain.AssetOperations;
import io.trestle.operations.domain.BookedReservation;
import io.trestle.operations.domain.Breakdown;
import io.trestle.operations.domain.DerivedAvailability;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.AvailabilityState;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.operations.AffectedWork;
import io.trestle.schema.operations.ConflictType;
import io.trestle.schema.operations.NotificationCategory;
import io.trestle.schema.operations.NotificationKind;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Notifications of breakdowns for people: reported (a business exception when reserved work is affected), cleared, or
 * refused as input (a technical failure). Ids are name UUIDs of the kind and the occurrence, never of processing time,
 * so reprocessing yields the same notification.
 */
public final class BreakdownNotifications {

    /** Derived states in which the asset cannot work, whoever reported the cause. */
    private static final Set<AvailabilityState> OUT_OF_SERVICE = EnumSet.of(AvailabilityState.DOWN,
            AvailabilityState.IN_MAINTENANCE, AvailabilityState.IN_TRANSIT, AvailabilityState.RETIRED);

    private BreakdownNotifications() {
    }

    /**
     * What a fault event did to the asset's breakdowns: one kept now and not before was reported, one kept before and
     * not now was cleared. Read from the state rather than the event, so a repeated raise or clearing, which changes
     * nothing, notifies nothing.
     */
    public static Optional<OperationsNotification> of(String assetId, AssetOperations before, AssetOperations after,
            FaultReported event, String sourceTopic, long now) {
        String faultId = event.getFaultId();
        Breakdown raised = after.breakdowns().get(faultId);
        if (raised != null && !before.breakdowns().containsKey(faultId)) {
            return Optional.of(reported(assetId, raised, after, event, sourceTopic, now));
        }
        Breakdown cleared = before.breakdowns().get(faultId);
        if (cleared != null && !after.breakdowns().containsKey(faultId)) {
            return Optional.of(cleared(assetId, cleared, after, event, sourceTopic, now));
        }
        return Optional.empty();
    }

    /**
     * A refused breakdown report or clearing: the feed would otherwise stay silent about a machine that may be down,
     * since no conflict or review request follows from it until it is replayed. Other refused input (warnings,
     * reservations, work orders) has the quarantine topic as its only channel.
     */
    public static Optional<OperationsNotification> notProcessed(FaultReported event, QuarantinedEvent entry) {
        if (!event.getBreakdown()
                || (event.getState() != FaultState.ACTIVE && event.getState() != FaultState.CLEARED)) {
            return Optional.empty();
        }
        String quarantineEventId = entry.getMetadata().getEventId().toString();
        String notificationId = OperationsEvents
                .uuid("notification", NotificationKind.BREAKDOWN_NOT_PROCESSED.name(), quarantineEventId).toString();
        String summary = "Breakdown %s of asset %s (fault %s, code %s) could not be processed and is quarantined (%s: %s); no conflicts or review requests follow from it until it is replayed"
                .formatted(event.getState() == FaultState.ACTIVE ? "report" : "clearing", event.getAssetId(),
                        event.getFaultId(), event.getCode(), entry.getReasonCode(), entry.getMessage());
        return Optional.of(OperationsNotification.newBuilder()
                .setMetadata(metadata(notificationId, event, event.getMetadata().getOccurredAt(),
                        entry.getFirstSeenAt()))
                .setNotificationId(notificationId)
                .setKind(NotificationKind.BREAKDOWN_NOT_PROCESSED)
                .setCategory(NotificationCategory.TECHNICAL_FAILURE)
                .setSeverity(Severity.HIGH)
                .setAssetId(event.getAssetId())
                .setAssetOutOfService(null)
                .setFaultId(event.getFaultId())
                .setFaultCode(event.getCode())
                .setProjectIds(List.of())
                .setTaskIds(List.of())
                .setAffectedWork(List.of())
                .setSummary(summary)
                .setSourceEventId(event.getMetadata().getEventId().toString())
                .setSourceTopic(entry.getSourceTopic())
                .setQuarantineEventId(quarantineEventId)
                .setReasonCode(entry.getReasonCode())
                .build());
    }

    /** The reservations hit are those the breakdown's conflicts name: holding the asset and not over at detection. */
    private static OperationsNotification reported(String assetId, Breakdown breakdown, AssetOperations asset,
            FaultReported event, String sourceTopic, long now) {
        List<BookedReservation> affected = holding(asset, r -> r.to() > breakdown.detectedAt());
        Severity impact = affected.isEmpty()
                ? Severity.LOW
                : affected.stream().anyMatch(BookedReservation::confirmed) ? Severity.HIGH : Severity.MEDIUM;
        // The source's own judgement (e.g. CRITICAL for a safety stop) is never lowered by an idle schedule.
        Severity severity = impact.compareTo(event.getSeverity()) >= 0 ? impact : event.getSeverity();
        String summary = "Asset %s broke down at %s (fault %s); %s".formatted(assetId,
                Instant.ofEpochMilli(breakdown.detectedAt()), describe(breakdown),
                affected.isEmpty() ? "no reserved work is affected" : "affects " + work(affected));
        return notification(NotificationKind.BREAKDOWN_REPORTED,
                affected.isEmpty() ? NotificationCategory.INFORMATION : NotificationCategory.BUSINESS_EXCEPTION,
                severity, assetId, breakdown, asset, affected, summary, event, sourceTopic,
                Instant.ofEpochMilli(breakdown.detectedAt()), now);
    }

    /**
     * The reservations listed are those the breakdown held up as known now, whose conflicts with it are resolved with
     * this clearing: the people told of the breakdown learn that their work can count on the asset again.
     */
    private static OperationsNotification cleared(String assetId, Breakdown breakdown, AssetOperations asset,
            FaultReported event, String sourceTopic, long now) {
        Instant clearedAt = Objects.requireNonNullElse(event.getClearedAt(), event.getMetadata().getOccurredAt());
        List<BookedReservation> affected = holding(asset, r -> r.to() > breakdown.detectedAt());
        DerivedAvailability availability = AvailabilityRules.derive(asset, now);
        String state = OUT_OF_SERVICE.contains(availability.state())
                ? "the asset is still out of service (%s%s)".formatted(availability.state(),
                        availability.reason() == null ? "" : ": " + availability.reason())
                : "the asset is back in service";
        String summary = "Breakdown of asset %s (fault %s) cleared at %s; %s%s".formatted(assetId, describe(breakdown),
                clearedAt, state, affected.isEmpty() ? "" : "; it affected " + work(affected));
        return notification(NotificationKind.BREAKDOWN_CLEARED, NotificationCategory.INFORMATION, Severity.INFO,
                assetId, breakdown, asset, affected, summary, event, sourceTopic, clearedAt, now);
    }

    private static OperationsNotification notification(NotificationKind kind, NotificationCategory category,
            Severity severity, String assetId, Breakdown breakdown, AssetOperations asset,
            List<BookedReservation> affected, String summary, FaultReported event, String sourceTopic,
            Instant occurredAt, long now) {
        String notificationId = OperationsEvents.uuid("notification", kind.name(), assetId, breakdown.faultId())
                .toString();
        return OperationsNotification.newBuilder()
                .setMetadata(metadata(notificationId, event, occurredAt, Instant.ofEpochMilli(now)))
                .setNotificationId(notificationId)
                .setKind(kind)
                .setCategory(category)
                .setSeverity(severity)
                .setAssetId(assetId)
                .setAssetOutOfService(OUT_OF_SERVICE.contains(AvailabilityRules.derive(asset, now).state()))
                .setFaultId(breakdown.faultId())
                .setFaultCode(breakdown.code())
                .setProjectIds(affected.stream().map(BookedReservation::projectId).distinct().sorted().toList())
                .setTaskIds(affected.stream().map(BookedReservation::taskId).filter(Objects::nonNull).distinct()
                        .sorted().toList())
                .setAffectedWork(affected.stream().map(r -> affectedWork(assetId, breakdown, r)).toList())
                .setSummary(summary)
                .setSourceEventId(event.getMetadata().getEventId().toString())
                .setSourceTopic(sourceTopic)
                .setQuarantineEventId(null)
                .setReasonCode(null)
                .build();
    }

    private static List<BookedReservation> holding(AssetOperations asset, Predicate<BookedReservation> hit) {
        return asset.reservations().values().stream().filter(BookedReservation::holdsAsset).filter(hit)
                .sorted(Comparator.comparing(BookedReservation::reservationId)).toList();
    }

    private static AffectedWork affectedWork(String assetId, Breakdown breakdown, BookedReservation reservation) {
        return AffectedWork.newBuilder()
                .setReservationId(reservation.reservationId())
                .setProjectId(reservation.projectId())
                .setTaskId(reservation.taskId())
                .setConfirmed(reservation.confirmed())
                .setReservedFrom(Instant.ofEpochMilli(reservation.from()))
                .setReservedTo(Instant.ofEpochMilli(reservation.to()))
                .setConflictId(ConflictRules.conflictId(ConflictType.ASSET_DOWN_DURING_TASK, assetId,
                        "fault:" + breakdown.faultId(), reservation.reservationId()))
                .build();
    }

    private static String describe(Breakdown breakdown) {
        return breakdown.code() + (breakdown.description() == null ? "" : ": " + breakdown.description());
    }

    /** "project P-1 (tasks T-1, T-2), project P-5": the projects hit with their tasks. */
    private static String work(List<BookedReservation> affected) {
        Map<String, TreeSet<String>> tasksByProject = affected.stream()
                .collect(Collectors.groupingBy(BookedReservation::projectId, TreeMap::new,
                        Collectors.mapping(BookedReservation::taskId,
                                Collectors.filtering(Objects::nonNull, Collectors.toCollection(TreeSet::new)))));
        List<String> parts = new ArrayList<>();
        tasksByProject.forEach((projectId, tasks) -> parts.add("project " + projectId + switch (tasks.size()) {
            case 0 -> "";
            case 1 -> " (task " + tasks.first() + ")";
            default -> " (tasks " + String.join(", ", tasks) + ")";
        }));
        return String.join(", ", parts);
    }

    private static EventMetadata metadata(String notificationId, FaultReported cause, Instant occurredAt,
            Instant raisedAt) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.fromString(notificationId))
                .setSourceSystem(OperationsEvents.SOURCE_SYSTEM)
                .setSourceRecordId(cause.getFaultId())
                .setOccurredAt(occurredAt)
                .setIngestedAt(raisedAt)
                .setCorrelationId(cause.getMetadata().getEventId().toString())
                .setResolvedFrom(List.of())
                .build();
    }
}
