package io.trestle.operations.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Refused input as a quarantine entry naming the topic, partition and offset it was read from, so it can be found and
 * replayed. The payload is the event as Avro's JSON rendering: the raw bytes are gone once the serde has read them. The
 * input travels on with its entry, since a refused breakdown is also notified.
 */
class QuarantineProcessor extends ContextualFixedKeyProcessor<String, OperationsInput, Refusal> {

    static final String DETECTED_BY = "operations-processor";

    @Override
    public void process(FixedKeyRecord<String, OperationsInput> record) {
        OperationsInput input = record.value();
        InputChecks.Problem problem = InputChecks.problem(record.key(), input).orElseThrow();
        Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
        RecordMetadata source = context().recordMetadata().orElseThrow();
        String payload = input.event().toString();
        EventMetadata metadata = EventMetadata.newBuilder(input.metadata())
                .setEventId(UUID.nameUUIDFromBytes(String.join("|", source.topic(),
                        Integer.toString(source.partition()), Long.toString(source.offset()))
                        .getBytes(StandardCharsets.UTF_8)))
                .setIngestedAt(now)
                .build();
        context().forward(record.withValue(new Refusal(input, QuarantinedEvent.newBuilder()
                .setMetadata(metadata)
                .setDetectedBy(DETECTED_BY)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceKey(record.key() == null
                        ? null
                        : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
                .setPayloadText(payload)
                .setContentType("application/json")
                .setReasonCode(problem.reasonCode())
                .setMessage(problem.message())
                .setFirstSeenAt(now)
                .build())));
    }
}
