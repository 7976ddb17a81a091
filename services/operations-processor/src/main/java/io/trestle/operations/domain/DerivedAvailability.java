package io.trestle.operations.domain;

import io.trestle.schema.equipment.AvailabilityState;

/**
 * The availability derived from what is known of the asset, with its cause.
 *
 * @param effectiveFrom
 *            epoch millis
 * @param expectedUntil
 *            epoch millis, null when unknown
 */
public record DerivedAvailability(AvailabilityState state, long effectiveFrom, Long expectedUntil, String reason,
        String workOrderId, String faultId) {
}
