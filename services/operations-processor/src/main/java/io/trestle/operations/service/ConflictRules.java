package io.trestle.operations.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.trestle.operations.domain.AssetOperations;
import io.trestle.operations.domain.BookedReservation;
import io.trestle.operations.domain.Breakdown;
import io.trestle.operations.domain.Conflict;
import io.trestle.operations.domain.Downtime;
import io.trestle.operations.domain.TaskBooking;
import io.trestle.operations.domain.TaskHoldings;
import io.trestle.schema.common.Severity;
import io.trestle.schema.operations.ConflictType;

/**
 * The conflicts of one asset, or of one cancelled task, found from its current state alone (never from the order events
 * arrived in), so that reprocessing finds the same conflicts with the same ids.
 */
public final class ConflictRules {

    private ConflictRules() {
    }

    /** By conflict id, in a stable order. */
    public static Map<String, Conflict> find(String assetId, AssetOperations asset) {
        List<BookedReservation> holding = asset.reservations().values().stream()
                .filter(BookedReservation::holdsAsset)
                .sorted(Comparator.comparing(BookedReservation::reservationId))
                .toList();
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        for (int i = 0; i < holding.size(); i++) {
            for (int j = i + 1; j < holding.size(); j++) {
                doubleBooking(assetId, holding.get(i), holding.get(j)).ifPresent(c -> conflicts.put(c.conflictId(), c));
            }
        }
        asset.breakdowns().values().stream().sorted(Comparator.comparing(Breakdown::faultId))
                .forEach(breakdown -> holding.forEach(reservation -> breakdown(assetId, breakdown, reservation)
                        .ifPresent(c -> conflicts.put(c.conflictId(), c))));
        asset.downtimes().values().stream().sorted(Comparator.comparing(Downtime::workOrderId))
                .forEach(downtime -> holding.forEach(reservation -> maintenance(assetId, downtime, reservation)
                        .ifPresent(c -> conflicts.put(c.conflictId(), c))));
        return conflicts;
    }

    /** A cancelled task conflicts with every reservation still holding equipment for it, one conflict each. */
    public static Map<String, Conflict> find(String taskId, TaskHoldings task) {
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        if (task.cancelled() == null) {
            return conflicts;
        }
        task.bookings().values().stream().filter(TaskBooking::holdsAsset)
                .sorted(Comparator.comparing(TaskBooking::reservationId)).forEach(booking -> {
                    String message = "Task %s of project %s is cancelled%s but reservation %s (%s) still holds asset %s from %s to %s"
                            .formatted(taskId, task.cancelled().projectId(),
                                    task.cancelled().reason() == null ? "" : " (" + task.cancelled().reason() + ")",
                                    booking.reservationId(), booking.status().toLowerCase(Locale.ROOT),
                                    booking.assetId(), Instant.ofEpochMilli(booking.from()),
                                    Instant.ofEpochMilli(booking.to()));
                    Conflict conflict = new Conflict(
                            conflictId(ConflictType.CANCELLED_TASK_WITH_BOOKING, booking.assetId(), "task:" + taskId,
                                    booking.reservationId()),
                            ConflictType.CANCELLED_TASK_WITH_BOOKING, booking.assetId(),
                            "CONFIRMED".equals(booking.status()) ? Severity.HIGH : Severity.MEDIUM,
                            List.of(booking.reservationId()),
                            distinct(booking.projectId(), task.cancelled().projectId()),
                            List.of(taskId), booking.from(), booking.to(), message);
                    conflicts.put(conflict.conflictId(), conflict);
                });
        return conflicts;
    }

    /** Same kind and same sides give the same id, whatever the periods: a moved overlap is the same conflict. */
    public static String conflictId(ConflictType type, String assetId, String... sides) {
        String identity = String.join("|", Stream.concat(Stream.of(type.name(), assetId), Stream.of(sides)).toList());
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Optional<Conflict> doubleBooking(String assetId, BookedReservation a,
            BookedReservation b) {
        long start = Math.max(a.from(), b.from());
        long end = Math.min(a.to(), b.to());
        if (start >= end) {
            return Optional.empty();
        }
        String message = "Asset %s is reserved twice from %s to %s: %s and %s".formatted(assetId,
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), describe(a), describe(b));
        return Optional.of(new Conflict(
                conflictId(ConflictType.DOUBLE_BOOKED_ASSET, assetId, a.reservationId(), b.reservationId()),
                ConflictType.DOUBLE_BOOKED_ASSET, assetId,
                a.confirmed() && b.confirmed() ? Severity.HIGH : Severity.MEDIUM,
                List.of(a.reservationId(), b.reservationId()), distinct(a.projectId(), b.projectId()),
                distinct(a.taskId(), b.taskId()), start, end, message));
    }

    /** A breakdown lasts until cleared, so it conflicts with every reservation not over when it was detected. */
    private static Optional<Conflict> breakdown(String assetId, Breakdown breakdown,
            BookedReservation reservation) {
        if (reservation.to() <= breakdown.detectedAt()) {
            return Optional.empty();
        }
        long start = Math.max(reservation.from(), breakdown.detectedAt());
        String message = "Asset %s is down since %s (fault %s%s) while %s".formatted(assetId,
                Instant.ofEpochMilli(breakdown.detectedAt()), breakdown.code(),
                breakdown.description() == null ? "" : ": " + breakdown.description(), describe(reservation));
        return Optional.of(affected(
                conflictId(ConflictType.ASSET_DOWN_DURING_TASK, assetId, "fault:" + breakdown.faultId(),
                        reservation.reservationId()),
                assetId, reservation, start, reservation.to(), message));
    }

    private static Optional<Conflict> maintenance(String assetId, Downtime downtime,
            BookedReservation reservation) {
        long start = Math.max(reservation.from(), downtime.start());
        long end = downtime.end() == null ? reservation.to() : Math.min(reservation.to(), downtime.end());
        if (start >= end) {
            return Optional.empty();
        }
        String message = "Asset %s is in maintenance from %s%s (work order %s: %s) while %s".formatted(assetId,
                Instant.ofEpochMilli(downtime.start()),
                downtime.end() == null ? "" : " to " + Instant.ofEpochMilli(downtime.end()), downtime.workOrderId(),
                downtime.title(), describe(reservation));
        return Optional.of(affected(
                conflictId(ConflictType.ASSET_DOWN_DURING_TASK, assetId, "work-order:" + downtime.workOrderId(),
                        reservation.reservationId()),
                assetId, reservation, start, end, message));
    }

    private static Conflict affected(String conflictId, String assetId, BookedReservation reservation, long start,
            long end, String message) {
        return new Conflict(conflictId, ConflictType.ASSET_DOWN_DURING_TASK, assetId,
                reservation.confirmed() ? Severity.HIGH : Severity.MEDIUM, List.of(reservation.reservationId()),
                distinct(reservation.projectId()), distinct(reservation.taskId()), start, end, message);
    }

    private static String describe(BookedReservation reservation) {
        return "reservation %s (%s, project %s%s, %s to %s)".formatted(reservation.reservationId(),
                reservation.status().toLowerCase(Locale.ROOT), reservation.projectId(),
                reservation.taskId() == null ? "" : ", task " + reservation.taskId(),
                Instant.ofEpochMilli(reservation.from()), Instant.ofEpochMilli(reservation.to()));
    }

    private static List<String> distinct(String... ids) {
        List<String> result = new ArrayList<>();
        Stream.of(ids).filter(Objects::nonNull).distinct().sorted().forEach(result::add);
        return result;
    }
}
