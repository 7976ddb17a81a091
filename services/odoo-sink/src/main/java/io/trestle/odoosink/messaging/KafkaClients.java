package io.trestle.odoosink.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.trestle.kafka.AvroKafka;
import io.trestle.odoosink.config.SinkConfig;

/**
 * The sink's Kafka clients. The consumer reads values as bytes so a refused record can be dead-lettered exactly as it
 * was; it commits by hand, only after Odoo confirmed a batch, and reads only committed transactions.
 */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private final String registryUrl;
    private final boolean autoRegister;
    private final SinkConfig config;

    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "trestle.registry.url") String registryUrl,
            @ConfigProperty(name = "trestle.registry.auto-register", defaultValue = "true") boolean autoRegister,
            SinkConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.autoRegister = autoRegister;
        this.config = config;
    }

    /**
     * A consumer in the input's own group ({@code <consumer-group>-<input>}): inputs rebalance, lag and replay
     * independently, and two inputs may read the same topic.
     */
    KafkaConsumer<String, byte[]> consumer(String inputName) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-" + inputName);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batch().size());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    <T extends SpecificRecord> AvroDecoder<T> decoder(Class<T> type, Schema readerSchema) {
        return new AvroDecoder<>(AvroKafka.genericValues(registryUrl), type, readerSchema);
    }

    KafkaProducer<String, SpecificRecord> producer() {
        return AvroKafka.producer(bootstrapServers, registryUrl, autoRegister);
    }
}
