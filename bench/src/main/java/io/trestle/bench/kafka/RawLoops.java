package io.trestle.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's ceiling for the telemetry records, measured with plain client loops and no application around them.
 *
 * <p>
 * Produce: the very records the connector wrote (same key and value bytes, same headers, same partition) sent again
 * with the connector producer's delivery settings — {@code acks=all}, idempotence on, client defaults otherwise —
 * asynchronously, as fast as the producer takes them, until {@code flush()} returns. Consume: the telemetry topic from
 * its start to its end with one consumer ({@code read_committed}, as the aggregator reads), bytes not deserialized.
 * Each loop first runs a short warm-up in the same JVM, so class loading and JIT compilation are not timed.
 */
public final class RawLoops {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private RawLoops() {
    }

    public record Result(long records, long bytes, double seconds) {

        public double recordsPerSecond() {
            return records / seconds;
        }

        public double megabytesPerSecond() {
            return bytes / seconds / (1024 * 1024);
        }
    }

    /** Producer settings of the plain loop: those the connector's telemetry channel sets, nothing else. */
    public static Map<String, Object> producerSettings(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.CLIENT_ID_CONFIG,
                "bench-raw-producer");
    }

    public static Result produce(String bootstrap, String topic, List<ConsumerRecord<byte[], byte[]>> records,
            int warmup) throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            send(producer, topic, records.subList(0, Math.min(warmup, records.size())));
            long start = System.nanoTime();
            long bytes = send(producer, topic, records);
            return new Result(records.size(), bytes, (System.nanoTime() - start) / 1e9);
        }
    }

    private static long send(KafkaProducer<byte[], byte[]> producer, String topic,
            List<ConsumerRecord<byte[], byte[]>> records) {
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            bytes += size(record);
            producer.send(new ProducerRecord<>(topic, record.partition(), null, record.key(), record.value(),
                    record.headers()), (metadata, failure) -> {
                        if (failure != null && failures.getAndIncrement() == 0) {
                            firstFailure.set(failure);
                        }
                    });
        }
        producer.flush();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sends failed", firstFailure.get());
        }
        return bytes;
    }

    /** Reads {@code topic} from its start to the end offsets it has now; the records, in order per partition. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        consume(bootstrap, topic, Long.MAX_VALUE, records::add);
        return records;
    }

    /** The timed consume loop over the whole topic, after a warm-up pass over its first {@code warmup} records. */
    public static Result consume(String bootstrap, String topic, int warmup) {
        consume(bootstrap, topic, warmup, record -> {
        });
        long[] bytes = {0};
        long start = System.nanoTime();
        long records = consume(bootstrap, topic, Long.MAX_VALUE, record -> bytes[0] += size(record));
        return new Result(records, bytes[0], (System.nanoTime() - start) / 1e9);
    }

    private static long consume(String bootstrap, String topic, long limit,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false, ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-consumer");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (count < limit && !reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + DEADLINE);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    each.accept(record);
                    count++;
                }
            }
            return count;
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), Duration.ofSeconds(10)) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    static long size(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
