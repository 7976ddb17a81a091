package io.trestle.bench.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.kafka.TopicReads;

/**
 * Reading Trestle topics as a downstream consumer does: string keys, Avro values decoded with the writer's schema from
 * the registry, {@code read_committed} (the aggregator's outputs are transactional).
 */
public final class AvroReads {

    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private AvroReads() {
    }

    public static KafkaConsumer<String, GenericRecord> consumer(String bootstrap, String registryUrl, String client) {
        Map<String, Object> settings = TopicReads.consumerConfig(KafkaConnection.plaintext(bootstrap));
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, client);
        return new KafkaConsumer<>(settings, new StringDeserializer(),
                AvroKafka.genericValues(RegistryConnection.anonymous(registryUrl)));
    }

    /** Every record of {@code topic} up to the end offsets it has now, in order per partition. */
    public static void readAll(String bootstrap, String registryUrl, String topic,
            Consumer<ConsumerRecord<String, GenericRecord>> each) {
        try (KafkaConsumer<String, GenericRecord> consumer = consumer(bootstrap, registryUrl, "bench-reader")) {
            TopicReads.readToEnd(consumer, topic, DEADLINE, each);
        }
    }

    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    /** A timestamp-millis field as epoch millis, whether the decoder gave a long or an {@link Instant}. */
    public static long millis(Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        return ((Number) value).longValue();
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
