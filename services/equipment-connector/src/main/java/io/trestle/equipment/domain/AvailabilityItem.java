package io.trestle.equipment.domain;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trestle.equipment.aemp.EquipmentIdentity;

/** A change of an asset's availability. */
public record AvailabilityItem(
        String eventId,
        @Schema(description = PushItem.ASSET_ID_DOC) String assetId,
        @Schema(description = PushItem.MACHINE_DOC) EquipmentIdentity machine,
        String state,
        Instant effectiveFrom,
        Instant expectedUntil,
        String reason,
        String workOrderId,
        String faultId) implements PushItem {
}
