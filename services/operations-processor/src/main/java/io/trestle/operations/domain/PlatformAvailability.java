package io.trestle.operations.domain;

import io.trestle.schema.equipment.AvailabilityState;

/**
 * The availability the equipment platform itself last pushed for the asset.
 *
 * @param effectiveFrom
 *            epoch millis
 */
public record PlatformAvailability(AvailabilityState state, long effectiveFrom, String reason) {
}
