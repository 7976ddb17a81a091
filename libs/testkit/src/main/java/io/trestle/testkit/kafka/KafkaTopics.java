package io.trestle.testkit.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on any broker, local or in a container, given its bootstrap servers. */
public final class KafkaTopics {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /**
     * Creates the topics and waits until the broker has them. A topic that already exists is left as it is: test
     * classes share one broker per JVM, so a second class may declare the same topic.
     */
    public static void create(String bootstrapServers, TopicSpec... topics) {
        create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
    }

    /** As {@link #create(String, TopicSpec...)}, with an admin client of these settings (e.g. SASL credentials). */
    public static void create(Map<String, Object> adminConfig, TopicSpec... topics) {
        List<TopicSpec> specs = Arrays.asList(topics);
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, KafkaFuture<Void>> results = admin
                    .createTopics(specs.stream().map(TopicSpec::toNewTopic).toList())
                    .values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " was not created within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }
}
