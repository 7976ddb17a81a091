package io.trestle.testkit.kafka;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic to create for a test. The replication factor is left to the broker, which is 1 on every test broker.
 *
 * @param name
 *            topic name
 * @param partitions
 *            number of partitions, at least 1
 * @param compacted
 *            {@code cleanup.policy=compact} when true (changelog-style topics), {@code delete} otherwise
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition, got " + partitions);
        }
    }

    /** A single-partition topic with the delete cleanup policy. */
    public static TopicSpec of(String name) {
        return new TopicSpec(name, 1, false);
    }

    /** A topic with the delete cleanup policy. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    /** A compacted topic. */
    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, true);
    }

    NewTopic toNewTopic() {
        String policy = compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
        return new NewTopic(name, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, policy));
    }
}
