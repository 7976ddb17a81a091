package io.trestle.operations.domain;

/**
 * One reservation of an asset as last reported.
 *
 * @param from
 *            epoch millis, inclusive
 * @param to
 *            epoch millis, exclusive
 * @param status
 *            the schema's {@code ReservationStatus} name; cancelled reservations stay listed until they are forgotten
 *            so a stale update cannot revive them
 * @param changedAt
 *            epoch millis the source changed the reservation ({@code metadata.occurredAt})
 */
public record BookedReservation(String reservationId, String projectId, String taskId, long from, long to,
        String status, long changedAt) {

    /** Tentative bookings hold the asset too: a planner relies on them, so a clash is worth reporting early. */
    public boolean holdsAsset() {
        return confirmed() || "TENTATIVE".equals(status);
    }

    public boolean confirmed() {
        return "CONFIRMED".equals(status);
    }

    public boolean covers(long time) {
        return from <= time && time < to;
    }
}
