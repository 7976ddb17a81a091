package io.trestle.odooconnector.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.kafka.TopicReads;

/** The connector's Kafka clients: an idempotent Avro producer, and a reader of its own topics at start. */
@ApplicationScoped
public class ConnectorKafka {

    private final KafkaConnection connection;
    private final RegistryConnection registry;

    public ConnectorKafka(KafkaConnection connection, RegistryConnection registry) {
        this.connection = connection;
        this.registry = registry;
    }

    public KafkaConnection connection() {
        return connection;
    }

    public KafkaProducer<String, SpecificRecord> producer() {
        return AvroKafka.producer(connection, registry);
    }

    /** Assigned by hand, in no group: it only reads the connector's topics back. */
    public KafkaConsumer<String, GenericRecord> reader() {
        return new KafkaConsumer<>(TopicReads.consumerConfig(connection), new StringDeserializer(),
                AvroKafka.genericValues(registry));
    }
}
