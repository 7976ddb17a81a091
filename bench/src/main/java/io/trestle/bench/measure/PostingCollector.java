package io.trestle.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import io.trestle.bench.kafka.AvroReads;

/**
 * A downstream reader of the cost postings, running for the whole benchmark: it reads the topic {@code read_committed}
 * from its start and notes when each posting became visible to it, which is when the aggregator's transaction that
 * wrote it committed.
 */
public final class PostingCollector implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    /** A posting as the benchmark saw it arrive. */
    public record Seen(String postingId, String assetId, String projectId, long windowEndMillis, int revision,
            int partition, long offset, long receivedNanos) {

        public boolean isCorrection() {
            return revision > 0;
        }
    }

    private final KafkaConsumer<String, GenericRecord> consumer;
    private final List<Seen> seen = new ArrayList<>();
    private final Map<Integer, Long> positions = new HashMap<>();
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public PostingCollector(String bootstrap, String registryUrl, String topic) {
        this.consumer = AvroReads.consumer(bootstrap, registryUrl, "bench-posting-collector");
        List<TopicPartition> partitions = AvroReads.partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "posting-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                var records = consumer.poll(POLL);
                long received = System.nanoTime();
                List<Seen> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, GenericRecord> record : records) {
                    GenericRecord posting = record.value();
                    Object revision = posting.get("revision");
                    batch.add(new Seen(AvroReads.text(posting.get("postingId")),
                            AvroReads.text(posting.get("assetId")), AvroReads.text(posting.get("projectId")),
                            AvroReads.millis(posting.get("windowEnd")),
                            revision == null ? 0 : ((Number) revision).intValue(), record.partition(),
                            record.offset(), received));
                }
                Map<Integer, Long> now = new HashMap<>();
                for (TopicPartition partition : consumer.assignment()) {
                    now.put(partition.partition(), consumer.position(partition));
                }
                synchronized (this) {
                    seen.addAll(batch);
                    positions.putAll(now);
                }
            }
        } catch (WakeupException closing) {
            // close() ends the loop
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    public synchronized List<Seen> seen() {
        check();
        return List.copyOf(seen);
    }

    /**
     * Waits until the reader's position has reached {@code endOffsets} on every partition (so every posting committed
     * before those offsets has been seen).
     */
    public void awaitPositions(Map<Integer, Long> endOffsets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                check();
                if (endOffsets.entrySet().stream()
                        .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue())) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the posting reader did not reach " + endOffsets + " within "
                        + timeout.toSeconds() + " s (at " + positions + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Per partition, the offset after the last posting seen: what a consumer of every posting commits up to. */
    public synchronized Map<Integer, Long> afterLastPosting() {
        Map<Integer, Long> after = new HashMap<>();
        for (Seen posting : seen) {
            after.merge(posting.partition(), posting.offset() + 1, Math::max);
        }
        return after;
    }

    private void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("reading the cost postings failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
        consumer.close();
    }
}
