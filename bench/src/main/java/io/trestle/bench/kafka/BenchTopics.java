package io.trestle.bench.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import io.trestle.schema.topic.TrestleTopic;

/**
 * The topics of one run: every topic of the catalogue ({@link TrestleTopic}) as the local stack creates them (the
 * catalogue's cleanup policy, no time limit, since readings are dated in the past), with the same partition count, and
 * the benchmark's own targets for the raw produce ceiling.
 */
public final class BenchTopics {

    /** Target of the plain producer loop: the telemetry records' bytes, keys and partitions. */
    public static final String RAW_PRODUCE = "bench.raw-produce";
    /** Target of Kafka's ProducerPerformance. */
    public static final String PERF_PRODUCE = "bench.perf-produce";

    private BenchTopics() {
    }

    public static void create(Admin admin, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = new ArrayList<>();
        for (TrestleTopic topic : TrestleTopic.values()) {
            topics.add(topic(topic.topicName(), partitions, topic.retention().compacted()));
        }
        topics.add(topic(RAW_PRODUCE, partitions, false));
        topics.add(topic(PERF_PRODUCE, partitions, false));
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }

    private static NewTopic topic(String name, int partitions, boolean compacted) {
        Map<String, String> configs = compacted
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, "-1");
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }
}
