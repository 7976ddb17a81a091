package io.trestle.testkit.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;

/**
 * Kafka clients with String keys and Avro values, serialized by the Apicurio serde against a registry, the way the
 * services are configured. Schemas are registered on first use.
 *
 * <pre>{@code
 * AvroClients avro = new AvroClients(bootstrapServers, registryUrl);
 * try (KafkaProducer<String, GenericRecord> producer = avro.producer();
 *         KafkaConsumer<String, GenericRecord> consumer = avro.consumer("my-test")) {
 *     producer.send(new ProducerRecord<>("orders", "k1", order)).get();
 *     ConsumeUntil.records(consumer, "orders", 1, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class AvroClients {

    private final String bootstrapServers;
    private final String registryUrl;

    /**
     * @param bootstrapServers
     *            the broker's {@code bootstrap.servers}
     * @param registryUrl
     *            the Apicurio v3 API base, e.g. {@code http://localhost:8080/apis/registry/v3}
     */
    public AvroClients(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Producer settings; a copy, so a test can add to it (e.g. {@code transactional.id}). */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class.getName());
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, "true");
        return config;
    }

    /** Consumer settings reading from the earliest offset; a copy, so a test can add to it. */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Trestle's processors write with exactly-once transactions; a test must not count output they aborted.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        return config;
    }

    /** A producer for generic or generated (specific) Avro records. */
    public <V> KafkaProducer<String, V> producer() {
        return new KafkaProducer<>(producerConfig());
    }

    /** A consumer that returns values as {@link GenericRecord}. */
    public KafkaConsumer<String, GenericRecord> consumer(String groupId) {
        return new KafkaConsumer<>(consumerConfig(groupId));
    }

    /** A consumer that returns values as the generated class named by each writer schema. */
    public <V extends SpecificRecord> KafkaConsumer<String, V> specificConsumer(String groupId) {
        Map<String, Object> config = consumerConfig(groupId);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "true");
        return new KafkaConsumer<>(config);
    }
}
