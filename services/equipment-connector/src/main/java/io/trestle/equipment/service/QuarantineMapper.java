package io.trestle.equipment.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.operations.QuarantinedEvent;

/** Maps a polled reading or a pushed item Trestle refuses to the canonical quarantine entry. */
public final class QuarantineMapper {

    public static final String DETECTED_BY = "equipment-connector";
    static final String EQUIPMENT = "equipment";

    private static final JsonMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Entries stay on the topic for weeks: a replay must still read those an older or newer version wrote.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private QuarantineMapper() {
    }

    /**
     * A reading refused, with the machine as the vendor named it: the payload carries both, so a replay can resolve the
     * machine again once the crosswalk maps it.
     *
     * @param pointer
     *            JSON Pointer into the payload, null when the whole reading is concerned
     */
    public record Refusal(EquipmentIdentity machine, TelemetryItem reading, String reasonCode, String message,
            String pointer, List<ExternalId> unresolvedIds) {
    }

    /** What the quarantine payload holds: the machine next to its reading. */
    public record Payload(EquipmentIdentity machine, TelemetryItem reading) {
    }

    /**
     * Derived, like telemetry event ids, from what identifies the refusal, so the same reading refused for the same
     * reason in a later snapshot or after a restart carries the same id and consumers drop the repeat.
     */
    public static UUID eventId(String system, String readingId, String reasonCode) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", "quarantine", system, readingId, reasonCode)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A machine unknown to the crosswalk: every id it could be mapped by under the vendor's system is listed. */
    public static Refusal unmapped(EquipmentIdentity machine, TelemetryItem reading, String system) {
        return new Refusal(machine, reading, ReasonCode.UNMAPPED_EXTERNAL_ID, unmappedMessage(machine, system), null,
                externalIds(machine, system));
    }

    /**
     * The ids a machine can be mapped by under a crosswalk system: what a quarantine entry lists as unresolved, and
     * what an event of a resolved machine lists as resolved from.
     */
    public static List<ExternalId> externalIds(EquipmentIdentity machine, String system) {
        List<ExternalId> ids = new ArrayList<>();
        if (machine.pin() != null) {
            ids.add(new ExternalId(system, EQUIPMENT, machine.pin()));
        }
        if (machine.serialNumber() != null) {
            ids.add(new ExternalId(system, EQUIPMENT, machine.serialNumber()));
        }
        return ids;
    }

    /** For a person: the machine by every id it has, and what to do about it. */
    public static String unmappedMessage(EquipmentIdentity machine, String system) {
        List<String> named = new ArrayList<>();
        if (machine.pin() != null) {
            named.add("PIN " + machine.pin());
        }
        if (machine.serialNumber() != null) {
            named.add("serial number " + machine.serialNumber());
        }
        if (machine.equipmentId() != null) {
            named.add("EquipmentID " + machine.equipmentId());
        }
        String make = Stream.of(machine.oemName(), machine.model()).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        return "Machine " + String.join(", ", named) + (make.isEmpty() ? "" : " (" + make + ")")
                + " has no active crosswalk entry under system " + system + "; map it, then replay";
    }

    /** A JSON Pointer into the payload for a field of the reading as the validator names it. */
    public static String pointer(String readingField) {
        return readingField.isEmpty() ? "/reading" : "/reading/" + readingField.replace('.', '/');
    }

    public static QuarantinedEvent toEvent(Refusal refusal, String system, String sourceSystem, URI polled,
            String correlationId, Instant now) {
        TelemetryItem reading = refusal.reading();
        String json = json(new Payload(refusal.machine(), reading));
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(eventId(system, reading.readingId(), refusal.reasonCode()))
                .setSourceSystem(sourceSystem)
                .setSourceRecordId(reading.readingId())
                .setOccurredAt(reading.readingTime() != null ? reading.readingTime() : now)
                .setIngestedAt(now)
                .setCorrelationId(correlationId)
                .setResolvedFrom(List.of())
                .build();
        return entry(metadata, endpoint(polled), json, refusal.reasonCode(), refusal.message(), refusal.pointer(),
                refusal.unresolvedIds(), now);
    }

    /**
     * A pushed item, as its quarantine entry describes it.
     *
     * @param sourceSystem
     *            {@code push:<client>}
     * @param kind
     *            the kind of item, as in its event id ({@link PushEventType#name()})
     * @param endpoint
     *            the path it was pushed to, by which a replay knows its kind
     * @param callerEventId
     *            the caller's id of the item, from which the ids of its event and its quarantine entry derive
     * @param item
     *            the item as read from the request, written as the entry's payload
     */
    public record PushedItem(String sourceSystem, String kind, String endpoint, String callerEventId,
            String sourceRecordId, Instant occurredAt, Object item) {
    }

    /**
     * Derived from what identifies the pushed item (source system, kind, the caller's id) and the reason, so the same
     * item resent after a timeout is quarantined under the same id and consumers drop the repeat.
     */
    public static UUID pushedEventId(String sourceSystem, String kind, String callerEventId, String reasonCode) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", "quarantine", sourceSystem, kind, callerEventId,
                reasonCode).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The entry of a pushed item refused, with the item as JSON: the payload is the single item, not the whole request
     * body, so a replay re-submits exactly that item.
     *
     * @param pointer
     *            JSON Pointer into the item, null when the whole item is concerned
     */
    public static QuarantinedEvent toEvent(PushedItem pushed, String reasonCode, String message, String pointer,
            List<ExternalId> unresolvedIds, String correlationId, Instant now) {
        String json = json(pushed.item());
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(pushedEventId(pushed.sourceSystem(), pushed.kind(), pushed.callerEventId(), reasonCode))
                .setSourceSystem(pushed.sourceSystem())
                .setSourceRecordId(pushed.sourceRecordId())
                .setOccurredAt(pushed.occurredAt() != null ? pushed.occurredAt() : now)
                .setIngestedAt(now)
                .setCorrelationId(correlationId)
                .setResolvedFrom(List.of())
                .build();
        return entry(metadata, pushed.endpoint(), json, reasonCode, message, pointer, unresolvedIds, now);
    }

    private static QuarantinedEvent entry(EventMetadata metadata, String endpoint, String json, String reasonCode,
            String message, String pointer, List<ExternalId> unresolvedIds, Instant now) {
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata)
                .setDetectedBy(DETECTED_BY)
                .setSourceEndpoint(endpoint)
                .setPayload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
                .setPayloadText(json)
                .setContentType("application/json")
                .setReasonCode(reasonCode)
                .setMessage(message)
                .setPointer(pointer)
                .setUnresolvedIds(unresolvedIds)
                .setFirstSeenAt(now)
                .setAttempt(1)
                .build();
    }

    /**
     * The pushed item an entry of this service carries, for a replay.
     *
     * @return empty when the entry has no payload of the item's shape
     */
    public static <I> Optional<I> pushedItemOf(QuarantinedEvent entry, Class<I> type) {
        if (entry.getPayloadText() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(entry.getPayloadText(), type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * The machine and reading an entry of this service carries, for a replay.
     *
     * @return empty when the entry has no payload of the shape {@link #toEvent} writes
     */
    public static Optional<Payload> payloadOf(QuarantinedEvent entry) {
        if (entry.getPayloadText() == null) {
            return Optional.empty();
        }
        try {
            Payload payload = JSON.readValue(entry.getPayloadText(), Payload.class);
            return payload.machine() != null && payload.reading() != null ? Optional.of(payload) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The polled URL without user info or query, where credentials and API keys could be. */
    static String endpoint(URI polled) {
        try {
            return new URI(polled.getScheme(), null, polled.getHost(), polled.getPort(), polled.getPath(), null, null)
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + polled, e);
        }
    }

    private static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a quarantined payload could not be written as JSON", e);
        }
    }
}
