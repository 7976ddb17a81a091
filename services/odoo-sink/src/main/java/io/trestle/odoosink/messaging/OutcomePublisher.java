package io.trestle.odoosink.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.Consumed;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.ErrorClass;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.SinkOutcome;
import io.trestle.schema.operations.SinkOutcomeStatus;

/**
 * Publishes what the sink did: an outcome per consumed record for reconciliation, and refused records to the
 * dead-letter (quarantine) topic verbatim with Odoo's error. Event ids derive from the record's outcome key and the
 * status, so a batch repeated after a crash repeats the same events rather than adding new ones.
 */
class OutcomePublisher {

    static final String SOURCE_SYSTEM = "trestle.odoo-sink";
    static final String DETECTED_BY = "odoo-sink";

    private final Producer<String, SpecificRecord> producer;
    private final SinkConfig.Topics topics;
    private final Clock clock;

    OutcomePublisher(Producer<String, SpecificRecord> producer, SinkConfig.Topics topics, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.clock = clock;
    }

    /** Sends every outcome and waits until the broker has them, so offsets are committed only after. */
    void publish(List<SinkResult> results) {
        for (SinkResult result : results) {
            String requestId = result.input().requestId();
            if (result instanceof SinkResult.Posted posted) {
                send(topics.outcomes(), requestId, outcome(posted.input(), posted.model(), SinkOutcomeStatus.POSTED,
                        List.of(posted.odooId()), posted.externalId(), null, null, null));
            } else if (result instanceof SinkResult.AlreadyPosted already) {
                send(topics.outcomes(), requestId, outcome(already.input(), already.model(),
                        SinkOutcomeStatus.ALREADY_POSTED, List.of(already.odooId()), null, null, null, already.why()));
            } else if (result instanceof SinkResult.Rejected rejected) {
                send(topics.outcomes(), requestId,
                        outcome(rejected.input(), rejected.model(), SinkOutcomeStatus.REJECTED, List.of(), null,
                                rejected.errorClass(), rejected.errorName(), rejected.message()));
                send(topics.quarantine(), DETECTED_BY, deadLetter(rejected));
            }
        }
        producer.flush();
    }

    /** Tells reconciliation that these records wait for Odoo; sent once per failed attempt, not per retry tick. */
    void retrying(List<? extends Consumed> batch, String model, ErrorClass errorClass, String errorName,
            String message, Instant nextRetryAt, int attempt) {
        for (Consumed input : batch) {
            SinkOutcome outcome = outcome(input, model, SinkOutcomeStatus.RETRYING, List.of(), null, errorClass,
                    errorName, message);
            outcome.setMetadata(metadata(input.outcomeKey() + "|RETRYING|" + attempt, input.requestId(),
                    input.correlationId()));
            outcome.setAttempt(attempt);
            outcome.setNextRetryAt(nextRetryAt);
            send(topics.outcomes(), input.requestId(), outcome);
        }
        producer.flush();
    }

    /** Dead-letters a record whose value is not a readable event of its input, with the decoder's complaint. */
    void undecodable(ConsumerRecord<String, byte[]> record, String inputName, RuntimeException problem) {
        Instant now = clock.instant();
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        QuarantinedEvent event = QuarantinedEvent.newBuilder()
                .setMetadata(metadata("undecodable|" + position, position, null))
                .setDetectedBy(DETECTED_BY)
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setSourceKey(record.key() == null
                        ? null
                        : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
                .setContentType("application/octet-stream")
                .setReasonCode("MALFORMED_PAYLOAD")
                .setMessage("not a readable " + inputName + ": " + problem)
                .setFirstSeenAt(now)
                .build();
        send(topics.quarantine(), DETECTED_BY, event);
        producer.flush();
    }

    private SinkOutcome outcome(Consumed input, String model, SinkOutcomeStatus status, List<Long> odooIds,
            String externalId, ErrorClass errorClass, String errorName, String message) {
        return SinkOutcome.newBuilder()
                .setMetadata(metadata(input.outcomeKey() + "|" + status, input.requestId(), input.correlationId()))
                .setRequestId(input.requestId())
                .setInputEventId(input.inputEventId())
                .setInputTopic(input.topic())
                .setStatus(status)
                .setOdooModel(model)
                .setOdooIds(odooIds)
                .setOdooExternalId(externalId)
                .setErrorClass(errorClass)
                .setErrorName(errorName)
                .setErrorMessage(message)
                .build();
    }

    private QuarantinedEvent deadLetter(SinkResult.Rejected rejected) {
        Consumed pending = rejected.input();
        Instant now = clock.instant();
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata("dead-letter|" + pending.outcomeKey(), pending.requestId(),
                        pending.correlationId()))
                .setDetectedBy(DETECTED_BY)
                .setSourceTopic(pending.topic())
                .setSourcePartition(pending.partition())
                .setSourceOffset(pending.offset())
                .setSourceKey(pending.key() == null
                        ? null
                        : ByteBuffer.wrap(pending.key().getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(pending.rawValue()))
                .setPayloadText(pending.payloadText())
                .setContentType("application/vnd.apache.avro+binary; registry-framed")
                .setReasonCode(rejected.reasonCode())
                .setMessage(rejected.errorName() == null
                        ? rejected.message()
                        : rejected.errorName() + ": " + rejected.message())
                .setFirstSeenAt(now)
                .build();
    }

    private EventMetadata metadata(String identity, String sourceRecordId, String correlationId) {
        Instant now = clock.instant();
        return EventMetadata.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                .setSourceSystem(SOURCE_SYSTEM)
                .setSourceRecordId(sourceRecordId)
                .setOccurredAt(now)
                .setIngestedAt(now)
                .setCorrelationId(correlationId)
                .setResolvedFrom(List.of())
                .build();
    }

    private void send(String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }
}
