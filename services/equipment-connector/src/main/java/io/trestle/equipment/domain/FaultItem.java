package io.trestle.equipment.domain;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trestle.equipment.aemp.EquipmentIdentity;

/**
 * A fault code raised or cleared on a machine, or a reported breakdown. Enumerations are carried as the caller wrote
 * them, so that an unknown value is named in the answer instead of failing the whole body.
 */
public record FaultItem(
        String eventId,
        @Schema(description = PushItem.ASSET_ID_DOC) String assetId,
        @Schema(description = PushItem.MACHINE_DOC) EquipmentIdentity machine,
        String faultId,
        String code,
        String codeSource,
        String description,
        Integer spn,
        Integer fmi,
        Integer occurrenceCount,
        String severity,
        String source,
        String state,
        Boolean breakdown,
        Instant detectedAt,
        Instant clearedAt) implements PushItem {
}
