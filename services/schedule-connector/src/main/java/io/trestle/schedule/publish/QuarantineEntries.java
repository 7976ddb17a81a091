package io.trestle.schedule.publish;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.trestle.schedule.mapping.Publication;
import io.trestle.schedule.mapping.Refusal;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.topic.TrestleTopic;

/**
 * The quarantine entries of the schedule connector: schedule files it cannot read, and changes it cannot turn into
 * events. Keyed by the detecting service, as every producer of the quarantine topic does.
 */
public final class QuarantineEntries {

    public static final String DETECTED_BY = "schedule-connector";
    /** The quarantine catalogue's code for a file that cannot be read (schemas README). */
    public static final String MALFORMED_PAYLOAD = "MALFORMED_PAYLOAD";

    private QuarantineEntries() {
    }

    /** An entry as it goes to the quarantine topic. */
    public static Publication publication(QuarantinedEvent entry) {
        return new Publication(TrestleTopic.INTEGRATION_QUARANTINE, DETECTED_BY, entry);
    }

    /**
     * A file that is no schedule the connector can read, kept where {@code keptAt} says.
     *
     * @param content
     *            carried whole when at most {@code maxPayload} bytes; a larger file is referred to by where it is kept
     * @param sourceSystem
     *            the planner when the format was recognised, else who sent the file ({@code upload:<client>},
     *            {@code drop-folder})
     * @param endpoint
     *            where the file came from: the upload path or the dropped file's name
     */
    public static QuarantinedEvent unreadableFile(byte[] content, String contentType, String sourceSystem,
            String endpoint, String message, String keptAt, int maxPayload, Instant now) {
        String hash = SnapshotJson.sha256(content);
        boolean whole = content.length <= maxPayload;
        byte[] payload = whole
                ? content
                : ("Not carried here (" + content.length + " bytes, more than " + maxPayload + "): kept at " + keptAt
                        + ", SHA-256 " + hash).getBytes(StandardCharsets.UTF_8);
        EventMetadata metadata = metadata(
                UUID.nameUUIDFromBytes(("schedule-file\u0000" + hash).getBytes(StandardCharsets.UTF_8)), sourceSystem,
                keptAt, hash, now);
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata)
                .setDetectedBy(DETECTED_BY)
                .setSourceEndpoint(endpoint)
                .setPayload(ByteBuffer.wrap(payload))
                .setPayloadText(text(payload).orElse(null))
                .setContentType(whole ? contentType : "text/plain")
                .setReasonCode(MALFORMED_PAYLOAD)
                .setMessage(message + " (file kept at " + keptAt + ")")
                .setUnresolvedIds(List.of())
                .setFirstSeenAt(now)
                .build();
    }

    /** A change the event mapping refused; publishing its draft again once fixed publishes it. */
    static QuarantinedEvent refusal(ScheduleSnapshot schedule, String snapshotHash, String draftId, Refusal refusal,
            Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("draftId", draftId);
        payload.put("sourceSystem", schedule.sourceSystem());
        payload.put("projectKey", schedule.projectKey());
        payload.put("revision", schedule.revision());
        payload.put("kind", refusal.change().getClass().getSimpleName());
        payload.put("change", refusal.change());
        byte[] json = SnapshotJson.bytes(payload);
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata(EventIds.quarantine(schedule, snapshotHash, refusal), schedule.sourceSystem(),
                        refusal.change().taskId(), draftId, now))
                .setDetectedBy(DETECTED_BY)
                .setSourceEndpoint(draftPath(draftId))
                .setPayload(ByteBuffer.wrap(json))
                .setPayloadText(new String(json, StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setReasonCode(refusal.reasonCode())
                .setMessage(refusal.message() + "; once fixed, POST " + draftPath(draftId)
                        + "/publish publishes it")
                .setUnresolvedIds(refusal.unresolvedIds())
                .setFirstSeenAt(now)
                .build();
    }

    static String draftPath(String draftId) {
        return "/api/v1/schedules/drafts/" + draftId;
    }

    private static EventMetadata metadata(UUID eventId, String sourceSystem, String sourceRecordId,
            String correlationId, Instant now) {
        return EventMetadata.newBuilder()
                .setEventId(eventId)
                .setSourceSystem(sourceSystem)
                .setSourceRecordId(sourceRecordId)
                .setOccurredAt(now)
                .setIngestedAt(now)
                .setCorrelationId(correlationId)
                .setResolvedFrom(List.of())
                .build();
    }

    private static Optional<String> text(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
