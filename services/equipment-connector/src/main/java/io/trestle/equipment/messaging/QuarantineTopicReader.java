package io.trestle.equipment.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.QuarantineLog;
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
    private final String bootstrapServers;
    private final String registryUrl;

    @Inject
    public QuarantineTopicReader(EquipmentConnectorConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "trestle.registry.url") String registryUrl) {
        this.topic = config.topics().quarantine();
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    @Override
    public void readToEnd(Consumer<QuarantinedEvent> each) {
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        try (KafkaConsumer<String, GenericRecord> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_DEADLINE).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, READ_DEADLINE));
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            while (!ends.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the quarantine topic " + topic + " was not read to its end within "
                            + READ_DEADLINE);
                }
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                    if (end != null && record.offset() < end && record.value() != null) {
                        each.accept(specific(record.value()));
                    }
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
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
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl), false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
