package io.trestle.equipment.domain;

import java.time.Instant;

/** A change of an asset's availability. */
public record AvailabilityItem(
        String eventId,
        String assetId,
        String state,
        Instant effectiveFrom,
        Instant expectedUntil,
        String reason,
        String workOrderId,
        String faultId) implements PushItem {
}
