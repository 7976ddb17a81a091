package io.trestle.odooconnector.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.TopicReads;

/** The connector's Kafka clients: an idempotent Avro producer, and a reader of its own topics at start. */
@ApplicationScoped
public class ConnectorKafka {

    private final String bootstrapServers;
    private final String registryUrl;
    private final boolean autoRegister;

    public ConnectorKafka(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "trestle.registry.url") String registryUrl,
            @ConfigProperty(name = "trestle.registry.auto-register", defaultValue = "true") boolean autoRegister) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.autoRegister = autoRegister;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaProducer<String, SpecificRecord> producer() {
        return AvroKafka.producer(bootstrapServers, registryUrl, autoRegister);
    }

    /** Assigned by hand, in no group: it only reads the connector's topics back. */
    public KafkaConsumer<String, GenericRecord> reader() {
        return new KafkaConsumer<>(TopicReads.consumerConfig(bootstrapServers), new StringDeserializer(),
                AvroKafka.genericValues(registryUrl));
    }
}
