package io.trestle.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading a topic whole, as services do with the compacted topics they take state from: a consumer in no group,
 * assigned every partition from the beginning, committing nothing, since each read starts over.
 */
public final class TopicReads {

    private TopicReads() {
    }

    /** The settings of such a consumer; the deserializers are the caller's. */
    public static Map<String, Object> consumerConfig(KafkaConnection kafka) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * Assigns every partition of the topic, positioned at its beginning.
     *
     * @return each partition's end offset as of now
     */
    public static Map<TopicPartition, Long> assignFromBeginning(Consumer<?, ?> consumer, String topic,
            Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer.endOffsets(partitions, timeout);
    }

    /**
     * Hands every record from the beginning up to the end as of the call to {@code each}, tombstones included; records
     * written meanwhile are left out, so a busy topic cannot keep the read going.
     *
     * @throws IllegalStateException
     *             when the end is not reached within {@code timeout}
     */
    public static <K, V> void readToEnd(Consumer<K, V> consumer, String topic, Duration timeout,
            java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = new HashMap<>(assignFromBeginning(consumer, topic, timeout));
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        while (!ends.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topic " + topic + " was not read to its end within " + timeout);
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(500))) {
                Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    each.accept(record);
                }
            }
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        }
    }
}
