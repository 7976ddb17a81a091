package io.trestle.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.SerdeConfig;

/**
 * The Kafka clients of Avro events as every service makes them: string keys, values through the schema registry. The
 * producer is idempotent and waits for all in-sync replicas, so a send that completed is not lost and a retried one is
 * not doubled; values are read as generic records, for a {@link io.trestle.schema.avro.SpecificRecords} to turn into
 * the generated class.
 */
public final class AvroKafka {

    private AvroKafka() {
    }

    /**
     * The settings of an event producer, for a caller to add its own (client id, {@code max.block.ms}) before
     * {@link #producer(Map)}.
     *
     * @param autoRegister
     *            whether the producer may register the schemas of the records it sends
     */
    public static Map<String, Object> producerConfig(String bootstrapServers, String registryUrl,
            boolean autoRegister) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(SerdeConfig.REGISTRY_URL, registryUrl);
        props.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        return props;
    }

    /** A producer with the settings of {@link #producerConfig}. */
    public static KafkaProducer<String, SpecificRecord> producer(String bootstrapServers, String registryUrl,
            boolean autoRegister) {
        return producer(producerConfig(bootstrapServers, registryUrl, autoRegister));
    }

    /**
     * A producer with the given settings, which name the registry ({@link #producerConfig}); its value serializer is
     * configured from them too.
     */
    public static KafkaProducer<String, SpecificRecord> producer(Map<String, Object> props) {
        AvroKafkaSerializer<SpecificRecord> values = new AvroKafkaSerializer<>();
        values.configure(props, false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** A value deserializer that reads records as generic ones, with the writer's schema from the registry. */
    public static AvroKafkaDeserializer<GenericRecord> genericValues(String registryUrl) {
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl), false);
        return values;
    }
}
