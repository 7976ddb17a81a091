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
import io.trestle.kafka.RegistryConnection;

/**
 * Reading Trestle topics as a downstream consumer does: string keys, Avro values decoded with the writer's schema from
 * the registry, {@code read_committed} (the aggregator's outputs are transactional).
 */
public final class AvroReads {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private AvroReads() {
    }

    public static KafkaConsumer<String, GenericRecord> consumer(String bootstrap, String registryUrl, String client) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false, ConsumerConfig.CLIENT_ID_CONFIG, client);
        return new KafkaConsumer<>(settings, new StringDeserializer(),
                AvroKafka.genericValues(RegistryConnection.anonymous(registryUrl)));
    }

    /** Every record of {@code topic} up to the end offsets it has now, in order per partition. */
    public static void readAll(String bootstrap, String registryUrl, String topic,
            Consumer<ConsumerRecord<String, GenericRecord>> each) {
        try (KafkaConsumer<String, GenericRecord> consumer = consumer(bootstrap, registryUrl, "bench-reader")) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + DEADLINE);
                }
                consumer.poll(POLL).forEach(each);
            }
        }
    }

    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), Duration.ofSeconds(10)) < partition.getValue()) {
                return false;
            }
        }
        return true;
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
