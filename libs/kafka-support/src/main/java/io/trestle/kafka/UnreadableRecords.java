package io.trestle.kafka;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * A record a Kafka Streams service could not deserialize, as a quarantine entry: the raw key and value verbatim, where
 * they were read, and why they could not be read. Its id derives from the detecting service, topic, partition and
 * offset, so an entry written twice (the write is outside the Streams transaction) is recognisably the same entry.
 */
public final class UnreadableRecords {

    /** The quarantine reason code of these entries (schemas README, "Quarantine reason codes"). */
    public static final String REASON_CODE = "UNREADABLE_RECORD";

    static final String AVRO_CONTENT_TYPE = "application/vnd.apache.avro+binary";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    static final String BINARY_CONTENT_TYPE = "application/octet-stream";

    /**
     * The payload is always kept whole; a text copy of a large one would double the entry towards the broker's message
     * size limit, and a person reads the first lines anyway.
     */
    static final int MAX_TEXT_COPY_BYTES = 64 * 1024;

    /** Causes named in the message: the serde's own exception usually wraps the one that says what is wrong. */
    private static final int CAUSES_NAMED = 3;

    /** Apicurio's framing: magic byte 0 and a 4-byte content id before the Avro body. */
    private static final int AVRO_FRAME_HEADER = 5;

    private UnreadableRecords() {
    }

    /**
     * @param detectedBy
     *            the service that read the record, e.g. {@code telemetry-aggregator}
     * @param now
     *            when the record is quarantined; also its occurrence time when the record has no timestamp
     */
    public static QuarantinedEvent entry(String detectedBy, ConsumerRecord<byte[], byte[]> record, Exception error,
            Instant now) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        Optional<String> text = text(value);
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(eventId(detectedBy, record.topic(), record.partition(), record.offset()))
                .setSourceSystem("kafka:" + record.topic())
                .setSourceRecordId(null)
                .setOccurredAt(record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : now)
                .setIngestedAt(now)
                .setCorrelationId(null)
                .setResolvedFrom(List.of())
                .build();
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata)
                .setDetectedBy(detectedBy)
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setSourceKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setPayload(ByteBuffer.wrap(value))
                .setPayloadText(text.filter(t -> value.length <= MAX_TEXT_COPY_BYTES).orElse(null))
                .setContentType(contentType(value, text))
                .setReasonCode(REASON_CODE)
                .setMessage(message(record, error))
                .setFirstSeenAt(now)
                .build();
    }

    static UUID eventId(String detectedBy, String topic, int partition, long offset) {
        return UUID.nameUUIDFromBytes(String.join("|", detectedBy, REASON_CODE, topic, Integer.toString(partition),
                Long.toString(offset)).getBytes(StandardCharsets.UTF_8));
    }

    static String message(ConsumerRecord<byte[], byte[]> record, Exception error) {
        StringBuilder message = new StringBuilder("Record ").append(record.topic()).append('-')
                .append(record.partition()).append('@').append(record.offset())
                .append(" could not be deserialized (")
                .append(record.value() == null ? "no value" : record.value().length + " bytes of value")
                .append("): ").append(describe(error));
        Throwable cause = error.getCause();
        for (int named = 0; cause != null && named < CAUSES_NAMED; named++, cause = cause.getCause()) {
            message.append("; caused by ").append(describe(cause));
        }
        if (record.value() != null && !framedAsAvro(record.value())) {
            // The serde's own words for this case ("artifact reference cannot be null") do not say what is wrong.
            message.append("; the value is not registry-framed Avro (magic byte 0x00 and a 4-byte schema id)");
        }
        return message.toString();
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null
                ? error.getClass().getName()
                : error.getClass().getName() + ": " + error.getMessage();
    }

    private static String contentType(byte[] value, Optional<String> text) {
        if (framedAsAvro(value)) {
            return AVRO_CONTENT_TYPE;
        }
        return text.isPresent() ? TEXT_CONTENT_TYPE : BINARY_CONTENT_TYPE;
    }

    private static boolean framedAsAvro(byte[] value) {
        return value.length >= AVRO_FRAME_HEADER && value[0] == 0;
    }

    /** The value as text when it is valid UTF-8 without control characters other than line breaks and tabs. */
    private static Optional<String> text(byte[] value) {
        if (value.length == 0) {
            return Optional.empty();
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
            String text = chars.toString();
            boolean printable = text.chars().allMatch(c -> !Character.isISOControl(c) || c == '\n' || c == '\r'
                    || c == '\t');
            return printable ? Optional.of(text) : Optional.empty();
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }
}
