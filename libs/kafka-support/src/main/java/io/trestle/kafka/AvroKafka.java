package io.trestle.kafka;

import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

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
     */
    public static Map<String, Object> producerConfig(KafkaConnection kafka, RegistryConnection registry) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putAll(registry.serdeConfig());
        return props;
    }

    /** A producer with the settings of {@link #producerConfig}. */
    public static KafkaProducer<String, SpecificRecord> producer(KafkaConnection kafka, RegistryConnection registry) {
        return producer(producerConfig(kafka, registry));
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

    /**
     * Apicurio's Avro serde reading into the generated classes, with its default content-id framing: the serde of the
     * Kafka Streams services' topics.
     */
    public static <T extends SpecificRecord> Serde<T> specificSerde(RegistryConnection registry) {
        Map<String, Object> config = registry.serdeConfig();
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(config, false);
        return serde;
    }

    /** A value deserializer that reads records as generic ones, with the writer's schema from the registry. */
    public static AvroKafkaDeserializer<GenericRecord> genericValues(RegistryConnection registry) {
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        values.configure(registry.serdeConfig(), false);
        return values;
    }
}
