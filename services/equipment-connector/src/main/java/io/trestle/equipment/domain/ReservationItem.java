package io.trestle.equipment.domain;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trestle.equipment.aemp.EquipmentIdentity;

/** The full state of an equipment reservation after a change. */
public record ReservationItem(
        String eventId,
        String reservationId,
        @Schema(description = PushItem.ASSET_ID_DOC) String assetId,
        @Schema(description = PushItem.MACHINE_DOC) EquipmentIdentity machine,
        String projectId,
        String taskId,
        String costCodeId,
        Instant reservedFrom,
        Instant reservedTo,
        String status,
        Instant changedAt) implements PushItem {
}
