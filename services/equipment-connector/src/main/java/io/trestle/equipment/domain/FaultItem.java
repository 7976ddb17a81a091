package io.trestle.equipment.domain;

import java.time.Instant;

/**
 * A fault code raised or cleared on a machine, or a reported breakdown. Enumerations are carried as the caller wrote
 * them, so that an unknown value is named in the answer instead of failing the whole body.
 */
public record FaultItem(
        String eventId,
        String assetId,
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
