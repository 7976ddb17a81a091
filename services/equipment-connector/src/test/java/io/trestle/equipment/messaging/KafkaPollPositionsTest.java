package io.trestle.equipment.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.equipment.service.PollPositions.Position;
import io.trestle.kafka.KafkaConnection;
import io.trestle.testkit.TrestleStack;

/** The poll positions on a real broker: a store started later reads back what an earlier one saved. */
class KafkaPollPositionsTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafka();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant HOURS = Instant.parse("2024-03-04T13:14:00Z");
    private static final Instant LOCATION = Instant.parse("2024-03-04T10:15:00Z");

    private final String topic = "poll-positions-" + UUID.randomUUID();

    @Test
    void createsItsCompactedTopicAndAStoreStartedLaterReadsTheLatestPositionOfEachVendorAssetAndElement()
            throws Exception {
        try (KafkaPollPositions first = started()) {
            assertThat(first.load("acme")).isEmpty();
            first.save("acme", List.of(new Position("EX-1", "operatingHours", HOURS.minus(Duration.ofHours(3))),
                    new Position("EX-1", "location", LOCATION))).get(30, TimeUnit.SECONDS);
            first.save("acme", List.of(new Position("EX-1", "operatingHours", HOURS))).get(30, TimeUnit.SECONDS);
            first.save("other", List.of(new Position("EX-1", "operatingHours", LOCATION))).get(30, TimeUnit.SECONDS);
            assertThat(first.load("acme")).contains(new Position("EX-1", "operatingHours", HOURS));
        }
        // What an operator or another version may leave on the topic: unreadable records, and a tombstone.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "not a key", "{}")).get();
            producer.send(new ProducerRecord<>(topic, "[\"acme\",\"EX-2\",\"operatingHours\"]", "not json")).get();
            producer.send(new ProducerRecord<>(topic, "[\"acme\",\"EX-1\",\"location\"]", null)).get();
        }

        try (KafkaPollPositions restarted = started()) {
            assertThat(restarted.load("acme")).containsExactly(new Position("EX-1", "operatingHours", HOURS));
            assertThat(restarted.load("other")).containsExactly(new Position("EX-1", "operatingHours", LOCATION));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private KafkaPollPositions started() {
        KafkaPollPositions positions = new KafkaPollPositions(KafkaConnection.plaintext(STACK.bootstrapServers()),
                topic, Duration.ofSeconds(10));
        positions.start();
        await().atMost(PATIENCE).until(positions::ready);
        return positions;
    }
}
