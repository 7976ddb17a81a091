package io.trestle.local;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.trestle.schema.topic.TrestleTopic;

/**
 * Creates every topic of the catalogue ({@link TrestleTopic}) that the local broker does not have yet, so the local
 * stack declares its topics exactly as the catalogue does and never relies on auto-creation.
 *
 * <p>
 * Usage: {@code java -cp 'deploy/local/target/tools-lib/*' io.trestle.local.LocalTopics --bootstrap-server
 * 127.0.0.1:9092 [--partitions 3]}. Prints one line per created topic; exits 0 when every catalogue topic exists
 * afterwards, 1 otherwise (with the reason on stderr), 2 on bad arguments.
 */
public final class LocalTopics {

    static final int DEFAULT_PARTITIONS = 3;

    private static final long TIMEOUT_SECONDS = 30;

    private LocalTopics() {
    }

    public static void main(String[] args) {
        String bootstrap = null;
        int partitions = DEFAULT_PARTITIONS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap-server" -> bootstrap = args[++i];
                    case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (bootstrap == null || partitions < 1) {
                throw new IllegalArgumentException("--bootstrap-server is required and --partitions must be >= 1");
            }
        } catch (RuntimeException e) {
            System.err.println("LocalTopics: " + e.getMessage()
                    + "\nUsage: LocalTopics --bootstrap-server <host:port> [--partitions <n>]");
            System.exit(2);
        }
        try {
            List<String> created = createMissing(bootstrap, partitions);
            created.forEach(name -> System.out.println("created topic " + name));
            if (created.isEmpty()) {
                System.out.println("all " + TrestleTopic.values().length + " topics of the catalogue exist");
            }
        } catch (IllegalStateException e) {
            System.err.println("LocalTopics: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Creates the catalogue topics the broker lacks; returns their names. Topics that exist are left as they are. */
    static List<String> createMissing(String bootstrap, int partitions) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = await(admin.listTopics().names(), "listing the topics");
            List<NewTopic> missing = newTopics(partitions).stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    await(result.getValue(), "creating topic " + result.getKey());
                } catch (IllegalStateException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /**
     * The catalogue's topics for a one-broker cluster: the catalogue's cleanup policy, replication factor 1 (the broker
     * default), and no time limit on delete topics. The demo feed is dated in the past and cost postings carry their
     * window time as timestamp, so the catalogue's retention (e.g. 7 days) would soon delete what the demo produced.
     */
    static List<NewTopic> newTopics(int partitions) {
        return Arrays.stream(TrestleTopic.values()).map(topic -> newTopic(topic, partitions)).toList();
    }

    private static NewTopic newTopic(TrestleTopic topic, int partitions) {
        Map<String, String> configs = topic.retention().compacted()
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, "-1");
        return new NewTopic(topic.topicName(), Optional.of(partitions), Optional.empty()).configs(configs);
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " took longer than " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }
}
