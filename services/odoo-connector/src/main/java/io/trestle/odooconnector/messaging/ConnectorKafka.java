package io.trestle.odooconnector.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.SerdeConfig;

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
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(SerdeConfig.REGISTRY_URL, registryUrl);
        props.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        AvroKafkaSerializer<SpecificRecord> values = new AvroKafkaSerializer<>();
        values.configure(props, false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Assigned by hand, in no group: it only reads the connector's topics back. */
    public KafkaConsumer<String, GenericRecord> reader() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl), false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
