package io.trestle.telemetry.domain;

import java.util.Objects;

/**
 * One equipment reservation as last reported, kept per asset so usage can be attributed to the reservation active at
 * its time.
 *
 * @param from
 *            epoch millis, inclusive
 * @param to
 *            epoch millis, exclusive
 * @param status
 *            the schema's {@code ReservationStatus} name; cancelled reservations stay listed so a stale update cannot
 *            revive them
 * @param changedAt
 *            epoch millis the source changed the reservation ({@code metadata.occurredAt})
 */
public record BookedReservation(String reservationId, String projectId, String taskId, String costCodeId, long from,
        long to, String status, long changedAt) {

    /** Only booked or completed reservations attribute usage; tentative and cancelled ones do not. */
    public boolean attributes() {
        return "CONFIRMED".equals(status) || "COMPLETED".equals(status);
    }

    public boolean covers(long time) {
        return from <= time && time < to;
    }

    /** Whether both attribute the same usage to the same project, task and cost code. */
    public boolean attributesLike(BookedReservation other) {
        return attributes() == other.attributes() && from == other.from && to == other.to
                && Objects.equals(projectId, other.projectId) && Objects.equals(taskId, other.taskId)
                && Objects.equals(costCodeId, other.costCodeId);
    }
}
