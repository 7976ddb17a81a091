package io.trestle.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.trestle.bench.stats.Throughput;

/**
 * How far a consumer group (a service's consumer, or a Kafka Streams application) has committed through a topic, read
 * with the admin client like {@code kafka-consumer-groups --describe}. A group has processed a record once it has
 * committed past it; under exactly_once_v2 that commit is part of the transaction that wrote the record's results.
 */
public final class GroupProgress {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public GroupProgress(Admin admin) {
        this.admin = admin;
    }

    /** Log end offset per partition of {@code topic}. */
    public Map<Integer, Long> endOffsets(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<Integer, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    /** Committed offset per partition of {@code topic}; 0 where the group has committed nothing. */
    public Map<Integer, Long> committed(String group, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }

    /**
     * Samples the group's progress through {@code topic} until it has committed at least {@code targets} on every
     * partition.
     *
     * @param from
     *            offsets the progress counts from (what was there before the phase)
     * @param running
     *            false once the consuming process died, which ends the wait with an error
     * @return progress samples in records committed since {@code from}, the last one when the targets were reached
     */
    public List<Throughput.Sample> awaitCommitted(String group, String topic, Map<Integer, Long> from,
            Map<Integer, Long> targets, Duration timeout, Duration interval, BooleanSupplier running)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Throughput.Sample> samples = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<Integer, Long> committed = committed(group, topic);
            long now = System.nanoTime();
            long done = 0;
            boolean reached = true;
            for (Map.Entry<Integer, Long> target : targets.entrySet()) {
                long offset = committed.getOrDefault(target.getKey(), 0L);
                done += Math.max(0, offset - from.getOrDefault(target.getKey(), 0L));
                reached &= offset >= target.getValue();
            }
            samples.add(new Throughput.Sample(now, done));
            if (reached) {
                return samples;
            }
            if (!running.getAsBoolean()) {
                throw new IllegalStateException("the consumer of group " + group + " stopped at " + committed
                        + " of " + targets + " on " + topic);
            }
            if (now > deadline) {
                throw new IllegalStateException("group " + group + " committed only " + committed + " of " + targets
                        + " on " + topic + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
