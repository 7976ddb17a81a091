package io.trestle.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker on its own, outside the shared stack. */
class LocalKafkaTest {

    private static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void startsWithinSeconds() {
        assertThat(kafka.bootstrapServers()).isNotBlank();
        assertThat(kafka.startupTime()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void createsTopicsWithTheirPartitionsAndCleanupPolicy() throws Exception {
        kafka.createTopics(TopicSpec.of("local-orders", 3), TopicSpec.compacted("local-equipment", 2));
        kafka.createTopics(TopicSpec.of("local-orders", 3)); // a second declaration is accepted

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("local-orders", "local-equipment"))
                    .allTopicNames().get();
            assertThat(topics.get("local-orders").partitions()).hasSize(3);
            assertThat(topics.get("local-equipment").partitions()).hasSize(2);

            ConfigResource equipment = new ConfigResource(ConfigResource.Type.TOPIC, "local-equipment");
            Config config = admin.describeConfigs(Set.of(equipment)).all().get().get(equipment);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }
}
