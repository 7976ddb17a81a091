package io.trestle.operations.domain;

/**
 * A reservation as seen from the task it is for, sent from the asset side to the task side.
 *
 * @param withdrawn
 *            the reservation no longer belongs to the task: it names another task now, or it ended long ago and is
 *            forgotten
 * @param from
 *            epoch millis, inclusive
 * @param to
 *            epoch millis, exclusive
 * @param status
 *            the schema's {@code ReservationStatus} name
 * @param correlationId
 *            event id of the reservation change it came from; null when it was forgotten
 */
public record TaskBooking(String taskId, String reservationId, String assetId, String projectId, long from, long to,
        String status, boolean withdrawn, String correlationId) {

    public static TaskBooking of(BookedReservation reservation, String assetId, String correlationId) {
        return new TaskBooking(reservation.taskId(), reservation.reservationId(), assetId, reservation.projectId(),
                reservation.from(), reservation.to(), reservation.status(), false, correlationId);
    }

    public static TaskBooking withdrawn(BookedReservation reservation, String assetId, String correlationId) {
        return new TaskBooking(reservation.taskId(), reservation.reservationId(), assetId, reservation.projectId(),
                reservation.from(), reservation.to(), reservation.status(), true, correlationId);
    }

    public boolean holdsAsset() {
        return !withdrawn && ("CONFIRMED".equals(status) || "TENTATIVE".equals(status));
    }
}
