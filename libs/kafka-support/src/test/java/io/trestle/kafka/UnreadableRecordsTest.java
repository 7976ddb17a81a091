package io.trestle.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.trestle.schema.operations.QuarantinedEvent;

/** What a quarantine entry of a record no serde could read says, and what it keeps of the record. */
class UnreadableRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant PRODUCED = Instant.parse("2026-11-20T08:59:58Z");
    private static final String TOPIC = "trestle.equipment.telemetry.v1";

    @Test
    void keepsTheRawRecordAndWhereItWasReadWithTheReasonAndTheDeserializersError() {
        byte[] value = "{\"assetId\":\"EX-1\"}".getBytes(StandardCharsets.UTF_8);
        SerializationException error = new SerializationException("Error deserializing Avro message",
                new IllegalStateException("Magic byte not found"));

        QuarantinedEvent entry = UnreadableRecords.entry("telemetry-aggregator", record(3, 1742, "EX-1", value),
                error, NOW);

        assertThat(entry.getReasonCode()).isEqualTo("UNREADABLE_RECORD");
        assertThat(entry.getDetectedBy()).isEqualTo("telemetry-aggregator");
        assertThat(entry.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(entry.getSourcePartition()).isEqualTo(3);
        assertThat(entry.getSourceOffset()).isEqualTo(1742L);
        assertThat(entry.getSourceKey()).isEqualTo(ByteBuffer.wrap("EX-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(entry.getPayload()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(entry.getPayloadText()).isEqualTo("{\"assetId\":\"EX-1\"}");
        assertThat(entry.getContentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(entry.getMessage()).isEqualTo("Record " + TOPIC + "-3@1742 could not be deserialized (18 bytes of"
                + " value): org.apache.kafka.common.errors.SerializationException: Error deserializing Avro message;"
                + " caused by java.lang.IllegalStateException: Magic byte not found; the value is not registry-framed Avro"
                + " (magic byte 0x00 and a 4-byte schema id)");
        assertThat(entry.getMetadata().getSourceSystem()).isEqualTo("kafka:" + TOPIC);
        assertThat(entry.getMetadata().getOccurredAt()).isEqualTo(PRODUCED);
        assertThat(entry.getMetadata().getIngestedAt()).isEqualTo(NOW);
        assertThat(entry.getFirstSeenAt()).isEqualTo(NOW);
        assertThat(entry.getAttempt()).isEqualTo(1);
        assertThat(entry.getPointer()).isNull();
        assertThat(entry.getUnresolvedIds()).isEmpty();
    }

    @Test
    void theSameRecordSeenAgainByTheSameServiceGetsTheSameIdAndAnyOtherRecordOrServiceAnother() {
        SerializationException error = new SerializationException("bad");
        byte[] value = {1, 2, 3};

        QuarantinedEvent first = UnreadableRecords.entry("operations-processor", record(0, 7, "EX-1", value), error,
                NOW);
        QuarantinedEvent again = UnreadableRecords.entry("operations-processor", record(0, 7, "EX-1", value), error,
                NOW.plusSeconds(60));

        assertThat(again.getMetadata().getEventId()).isEqualTo(first.getMetadata().getEventId());
        assertThat(UnreadableRecords.entry("operations-processor", record(0, 8, "EX-1", value), error, NOW)
                .getMetadata().getEventId()).isNotEqualTo(first.getMetadata().getEventId());
        assertThat(UnreadableRecords.entry("operations-processor", record(1, 7, "EX-1", value), error, NOW)
                .getMetadata().getEventId()).isNotEqualTo(first.getMetadata().getEventId());
        assertThat(UnreadableRecords.entry("telemetry-aggregator", record(0, 7, "EX-1", value), error, NOW)
                .getMetadata().getEventId()).isNotEqualTo(first.getMetadata().getEventId());
    }

    @Test
    void anApicurioFramedValueIsKeptAsAvroWithoutAText() {
        // Magic byte, content id 99 (unknown to the registry), then an Avro body.
        byte[] value = {0, 0, 0, 0, 99, 8, 69, 88, 45, 49};

        QuarantinedEvent entry = UnreadableRecords.entry("telemetry-aggregator", record(0, 1, "EX-1", value),
                new SerializationException("No content with id 99"), NOW);

        assertThat(entry.getPayload()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(entry.getPayloadText()).isNull();
        assertThat(entry.getContentType()).isEqualTo("application/vnd.apache.avro+binary");
        assertThat(entry.getMessage()).isEqualTo("Record " + TOPIC + "-0@1 could not be deserialized (10 bytes of"
                + " value): org.apache.kafka.common.errors.SerializationException: No content with id 99");
    }

    @Test
    void binaryThatIsNotUtf8IsKeptAsOctetsWithoutAText() {
        byte[] value = {(byte) 0xff, (byte) 0xfe, 0x41};

        QuarantinedEvent entry = UnreadableRecords.entry("telemetry-aggregator", record(0, 1, null, value),
                new SerializationException("bad"), NOW);

        assertThat(entry.getPayloadText()).isNull();
        assertThat(entry.getContentType()).isEqualTo("application/octet-stream");
        assertThat(entry.getSourceKey()).isNull();
    }

    @Test
    void aLargeTextIsKeptWholeAsPayloadButNotCopiedAsText() {
        byte[] value = "x".repeat(UnreadableRecords.MAX_TEXT_COPY_BYTES + 1).getBytes(StandardCharsets.UTF_8);

        QuarantinedEvent entry = UnreadableRecords.entry("telemetry-aggregator", record(0, 1, "EX-1", value),
                new SerializationException("bad"), NOW);

        assertThat(entry.getPayload().remaining()).isEqualTo(value.length);
        assertThat(entry.getPayloadText()).isNull();
        assertThat(entry.getContentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void aRecordWithoutValueOrTimestampIsQuarantinedWithAnEmptyPayloadAtTheTimeItIsFound() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, 5, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, 4, ConsumerRecord.NULL_SIZE, "EX-1".getBytes(StandardCharsets.UTF_8),
                null, new RecordHeaders(), Optional.empty());

        QuarantinedEvent entry = UnreadableRecords.entry("operations-processor", record,
                new SerializationException("Key is not UTF-8"), NOW);

        assertThat(entry.getPayload().remaining()).isZero();
        assertThat(entry.getMessage()).contains("(no value)");
        assertThat(entry.getMetadata().getOccurredAt()).isEqualTo(NOW);
    }

    static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String key, byte[] value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(TOPIC, partition, offset, PRODUCED.toEpochMilli(), TimestampType.CREATE_TIME,
                keyBytes == null ? ConsumerRecord.NULL_SIZE : keyBytes.length, value.length, keyBytes, value,
                new RecordHeaders(), Optional.empty());
    }
}
