package io.trestle.bench.fleet;

import java.time.Instant;

/**
 * A confirmed reservation of a machine for a project, booked on one of the project's cost codes.
 *
 * @param costCodeSlot
 *            which of the project's cost codes (0 to {@link Fleet#COST_CODES_PER_PROJECT} - 1); the run maps it to an
 *            Odoo analytic account
 */
public record Reservation(String reservationId, String assetId, String projectId, String taskId, int costCodeSlot,
        Instant reservedFrom, Instant reservedTo, Instant changedAt) {
}
