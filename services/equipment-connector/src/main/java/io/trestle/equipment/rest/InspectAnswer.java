package io.trestle.equipment.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.trestle.equipment.aemp.EquipmentIdentity;

/**
 * What polling would make of one vendor page, as {@code POST /api/v1/telematics/inspect} answers it.
 *
 * @param vendor
 *            the vendor profile named, null when none was
 * @param system
 *            the crosswalk system the machines were resolved under
 * @param sourceSystem
 *            the source system the events would carry; their ids derive from it
 * @param notes
 *            what the caller should know to read the answer right, e.g. that a default system was used
 */
public record InspectAnswer(String vendor, String system, String sourceSystem, boolean published, List<String> notes,
        Counts counts, Links links, Instant snapshotTime, List<Machine> machines) {

    public record Counts(int machines, int unresolvedMachines, int readings, int toPublish, int toQuarantine) {
    }

    /** The page links as the vendor wrote them; null where the page has none. */
    public record Links(URI next, URI last) {
    }

    /**
     * @param assetId
     *            the canonical asset the crosswalk resolved the machine to, null when it knows none
     */
    public record Machine(EquipmentIdentity identity, String assetId, List<Reading> readings) {
    }

    public enum Decision {
        PUBLISH,
        QUARANTINE
    }

    /**
     * @param canonical
     *            with {@code PUBLISH}: the {@code TelemetryReading} that would be published, field by field
     * @param quarantine
     *            with {@code QUARANTINE}: the entry that would go to the quarantine topic
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reading(Decision decision, String readingId, Map<String, Object> canonical,
            Quarantine quarantine) {
    }

    /**
     * @param pointer
     *            JSON Pointer into {@code payload}, null when the whole reading is concerned
     * @param payload
     *            the machine and reading as the quarantine entry carries them, for a replay
     */
    public record Quarantine(UUID eventId, String reasonCode, String message, String pointer,
            List<Map<String, Object>> unresolvedIds, JsonNode payload) {
    }
}
