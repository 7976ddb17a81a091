package io.trestle.equipment.messaging;

import java.time.Duration;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.QuarantineLog;
import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.kafka.TopicReads;
import io.trestle.schema.avro.SpecificRecords;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Reads the quarantine topic with a consumer of its own per call, assigned to every partition and in no group: a replay
 * reads everything each time, so there is no position to commit.
 */
@ApplicationScoped
public class QuarantineTopicReader implements QuarantineLog {

    /** Bounds a replay's read, so a broker that stops answering fails the request rather than holding it. */
    static final Duration READ_DEADLINE = Duration.ofMinutes(2);

    private static final SpecificRecords<QuarantinedEvent> ENTRIES = SpecificRecords.of(QuarantinedEvent.class,
            QuarantinedEvent.getClassSchema());

    private final String topic;
    private final KafkaConnection kafka;
    private final RegistryConnection registry;

    @Inject
    public QuarantineTopicReader(EquipmentConnectorConfig config, KafkaConnection kafka, RegistryConnection registry) {
        this.topic = config.topics().quarantine();
        this.kafka = kafka;
        this.registry = registry;
    }

    @Override
    public void readToEnd(Consumer<QuarantinedEvent> each) {
        try (KafkaConsumer<String, GenericRecord> consumer = consumer()) {
            TopicReads.readToEnd(consumer, topic, READ_DEADLINE, record -> {
                if (record.value() != null) {
                    each.accept(specific(record.value()));
                }
            });
        }
    }

    /**
     * Through {@link SpecificRecords}: the serde's own specific reader finds the generated classes wrongly under
     * Quarkus.
     */
    static QuarantinedEvent specific(GenericRecord record) {
        return ENTRIES.fromGeneric(record);
    }

    private KafkaConsumer<String, GenericRecord> consumer() {
        return new KafkaConsumer<>(TopicReads.consumerConfig(kafka), new StringDeserializer(),
                AvroKafka.genericValues(registry));
    }
}
