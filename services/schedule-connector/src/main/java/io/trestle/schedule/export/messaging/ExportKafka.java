package io.trestle.schedule.export.messaging;

import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;

/**
 * The export's Kafka clients. The consumer reads values as bytes, so a record that cannot be decoded can be quarantined
 * exactly as it was; it never commits by itself, and reads only committed transactions.
 */
record ExportKafka(KafkaConnection kafka, RegistryConnection registry) {

    /** Assigned, not subscribed: the group only keeps the committed offsets, it never rebalances. */
    KafkaConsumer<String, byte[]> consumer(String groupId) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A missing topic is a configuration error to report, not one to paper over with an empty topic.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    AvroKafkaDeserializer<GenericRecord> deserializer() {
        return AvroKafka.genericValues(registry);
    }

    KafkaProducer<String, SpecificRecord> producer() {
        return AvroKafka.producer(kafka, registry);
    }
}
