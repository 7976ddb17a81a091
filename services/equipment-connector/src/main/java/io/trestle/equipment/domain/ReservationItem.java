package io.trestle.equipment.domain;

import java.time.Instant;

/** The full state of an equipment reservation after a change. */
public record ReservationItem(
        String eventId,
        String reservationId,
        String assetId,
        String projectId,
        String taskId,
        String costCodeId,
        Instant reservedFrom,
        Instant reservedTo,
        String status,
        Instant changedAt) implements PushItem {
}
