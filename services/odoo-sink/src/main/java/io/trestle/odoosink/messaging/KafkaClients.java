package io.trestle.odoosink.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.odoosink.config.SinkConfig;

/**
 * The sink's Kafka clients. The consumer reads values as bytes so a refused record can be dead-lettered exactly as it
 * was; it commits by hand, only after Odoo confirmed a batch, and reads only committed transactions.
 */
@ApplicationScoped
public class KafkaClients {

    private final KafkaConnection kafka;
    private final RegistryConnection registry;
    private final SinkConfig config;

    public KafkaClients(KafkaConnection kafka, RegistryConnection registry, SinkConfig config) {
        this.kafka = kafka;
        this.registry = registry;
        this.config = config;
    }

    /**
     * A consumer in the input's own group ({@code <consumer-group>-<input>}): inputs rebalance, lag and replay
     * independently, and two inputs may read the same topic.
     */
    KafkaConsumer<String, byte[]> consumer(String inputName) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-" + inputName);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batch().size());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    <T extends SpecificRecord> AvroDecoder<T> decoder(Class<T> type, Schema readerSchema) {
        return new AvroDecoder<>(AvroKafka.genericValues(registry), type, readerSchema);
    }

    KafkaProducer<String, SpecificRecord> producer() {
        return AvroKafka.producer(kafka, registry);
    }
}
