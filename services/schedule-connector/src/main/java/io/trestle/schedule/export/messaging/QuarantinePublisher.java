package io.trestle.schedule.export.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import io.trestle.schedule.export.delivery.Delivery;
import io.trestle.schedule.export.service.ProjectExporter.Rejected;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Quarantines what the export cannot deliver: files the planner refused for their content (the file itself is the
 * payload, with the planner's answer) and master-data records it cannot read. Each entry is on the broker before the
 * export moves past it. Event ids derive from what was refused, so a repeat after a crash repeats the same event.
 */
final class QuarantinePublisher {

    static final String DETECTED_BY = "schedule-connector";
    static final String PLANNER_REJECTED = "PLANNER_REJECTED";
    static final String MALFORMED_PAYLOAD = "MALFORMED_PAYLOAD";
    private static final String SOURCE_SYSTEM = "trestle.schedule-connector";

    private final Producer<String, SpecificRecord> producer;
    private final String topic;
    private final Clock clock;

    QuarantinePublisher(Producer<String, SpecificRecord> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * @param trigger
     *            the master-data record whose change the update carried; null for the updates of a first start
     */
    void rejected(Rejected rejected, ConsumerRecord<String, byte[]> trigger) {
        Delivery delivery = rejected.delivery();
        QuarantinedEvent.Builder event = entry("planner-rejected|" + rejected.target() + "|"
                + delivery.idempotencyKey(), delivery.projectKey())
                .setSourceEndpoint(delivery.fileName())
                // No payloadText: a large WBS makes a large file, and a text copy would double an entry that has to
                // stay under the broker's record size.
                .setPayload(ByteBuffer.wrap(delivery.file().bytes()))
                .setContentType("application/xml")
                .setReasonCode(PLANNER_REJECTED)
                .setMessage("The " + rejected.target() + " refused " + delivery.fileName() + " (Idempotency-Key "
                        + delivery.idempotencyKey() + "): " + rejected.reason().getMessage());
        if (trigger != null) {
            from(event, trigger);
        }
        send(event.build());
    }

    void malformed(ConsumerRecord<String, byte[]> record, MalformedRecordException problem) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        QuarantinedEvent.Builder event = entry("malformed|" + position, position)
                .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
                .setContentType("application/vnd.apache.avro+binary; registry-framed")
                .setReasonCode(MALFORMED_PAYLOAD)
                .setMessage(problem.getMessage());
        from(event, record);
        send(event.build());
    }

    private QuarantinedEvent.Builder entry(String identity, String sourceRecordId) {
        Instant now = clock.instant();
        return QuarantinedEvent.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                        .setSourceSystem(SOURCE_SYSTEM)
                        .setSourceRecordId(sourceRecordId)
                        .setOccurredAt(now)
                        .setIngestedAt(now)
                        .setResolvedFrom(List.of())
                        .build())
                .setDetectedBy(DETECTED_BY)
                .setFirstSeenAt(now);
    }

    private static void from(QuarantinedEvent.Builder event, ConsumerRecord<String, byte[]> record) {
        event.setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setSourceKey(record.key() == null
                        ? null
                        : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)));
    }

    private void send(QuarantinedEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, DETECTED_BY, event)).get();
        } catch (ExecutionException e) {
            throw new KafkaException("cannot quarantine on " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while quarantining on " + topic, e);
        }
    }
}
