package io.trestle.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.testkit.TrestleStack;

/** State on a compacted topic, on a real broker: what one instance wrote, the next one started reads back. */
class StateTopicTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafka();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Keys are {@code k:<name>}, values decimal numbers. */
    private static final StateTopic.Codec<String, Long, String> CODEC = new StateTopic.Codec<>() {

        @Override
        public String writeKey(String key) {
            return "k:" + key;
        }

        @Override
        public Optional<String> readKey(String key) {
            return key.startsWith("k:") ? Optional.of(key.substring(2)) : Optional.empty();
        }

        @Override
        public String writeValue(Long value) {
            return value.toString();
        }

        @Override
        public Long readValue(String value) {
            return Long.valueOf(value);
        }
    };

    private final String topic = "state-" + UUID.randomUUID();

    @Test
    void createsItsCompactedTopicAndAnInstanceStartedLaterReadsTheLatestValueOfEachKey() throws Exception {
        try (StateTopic<String, Long, String> first = state(config -> {
        })) {
            assertThatIllegalStateException().isThrownBy(first::entries).withMessageContaining("not read from");
            first.start();
            await().atMost(PATIENCE).until(first::ready);
            assertThat(first.entries()).isEmpty();
            first.put("a", 1L).get(30, TimeUnit.SECONDS);
            first.put("a", 2L).get(30, TimeUnit.SECONDS);
            first.put("b", 3L).get(30, TimeUnit.SECONDS);
            assertThat(first.entries()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 3L));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "not a key", "4")).get();
            producer.send(new ProducerRecord<>(topic, "k:c", "not a number")).get();
            producer.send(new ProducerRecord<>(topic, "k:b", null)).get();
        }

        AtomicReference<Config> checked = new AtomicReference<>();
        try (StateTopic<String, Long, String> restarted = state(checked::set)) {
            restarted.start();
            await().atMost(PATIENCE).until(restarted::ready);
            assertThat(restarted.entries()).containsExactlyEntriesOf(Map.of("a", 2L));
            assertThat(restarted.size()).isEqualTo(1);
        }
        assertThat(checked.get()).as("the existing topic's settings were handed to the check").isNotNull();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("2000000");
        }
    }

    private StateTopic<String, Long, String> state(java.util.function.Consumer<Config> check) {
        return StateTopic
                .builder(KafkaConnection.plaintext(STACK.bootstrapServers()), topic, "test counters",
                        "state-topic-test", CODEC,
                        Serdes.String())
                .sendTimeout(Duration.ofSeconds(10))
                .topicConfig(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2000000").checkExisting(check).build();
    }
}
