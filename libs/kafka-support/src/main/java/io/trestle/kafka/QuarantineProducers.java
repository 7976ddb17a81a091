package io.trestle.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The producers the deserialization handlers write quarantine entries with: one per configuration, shared by every
 * handler of it. Kafka Streams creates a handler per task and never closes one, so a producer per handler would cost a
 * connection per task and outlive its task; the shared producer is created on the first unreadable record and lives as
 * long as the application.
 */
final class QuarantineProducers {

    /** How long a quarantine write may take before the handler gives up and stops the application. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Map<Map<String, Object>, Producer<String, SpecificRecord>> SHARED = new ConcurrentHashMap<>();

    private QuarantineProducers() {
    }

    /**
     * The settings of an idempotent Avro producer reaching the cluster and registry the Streams configuration names,
     * with its bootstrap servers, security settings and {@code apicurio.registry.*} settings.
     *
     * @throws IllegalArgumentException
     *             when the bootstrap servers or the registry URL are missing
     */
    static Map<String, Object> config(Map<String, ?> streamsConfig) {
        Map<String, Object> props = AvroKafka.producerConfig(KafkaConnection.fromKafkaProperties(streamsConfig),
                RegistryConnection.fromSerdeConfig(streamsConfig));
        props.put(ProducerConfig.CLIENT_ID_CONFIG,
                streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-quarantine");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REQUEST_TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        return props;
    }

    static Producer<String, SpecificRecord> shared(Map<String, Object> config) {
        return SHARED.computeIfAbsent(Map.copyOf(config), AvroKafka::producer);
    }
}
