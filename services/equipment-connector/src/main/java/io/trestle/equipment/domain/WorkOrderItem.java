package io.trestle.equipment.domain;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trestle.equipment.aemp.EquipmentIdentity;

/** The full state of a maintenance work order after a change, as the equipment platform sends it. */
public record WorkOrderItem(
        String eventId,
        String workOrderId,
        @Schema(description = PushItem.ASSET_ID_DOC) String assetId,
        @Schema(description = PushItem.MACHINE_DOC) EquipmentIdentity machine,
        String change,
        String status,
        Instant changedAt,
        String maintenanceType,
        String title,
        String description,
        Integer priority,
        String faultId,
        Instant plannedStart,
        Double plannedHours,
        Instant downtimeStart,
        Instant downtimeEnd,
        Double downtimeHours,
        Instant closedAt,
        List<Part> partsNeeded) implements PushItem {

    /** One part the work needs. */
    public record Part(String partNumber, String description, Double quantity, String unitOfMeasure) {
    }
}
