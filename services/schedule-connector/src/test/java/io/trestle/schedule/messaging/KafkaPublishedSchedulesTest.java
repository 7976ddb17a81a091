package io.trestle.schedule.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trestle.kafka.KafkaConnection;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Snapshots;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;
import io.trestle.schedule.model.TaskStatus;
import io.trestle.schedule.publish.MapCrosswalk;
import io.trestle.schedule.publish.PublishedVersion;
import io.trestle.schedule.publish.RecordingSink;
import io.trestle.schedule.publish.SchedulePublisher;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.publish.VersionTooLargeException;
import io.trestle.schedule.service.ScheduleMetrics;
import io.trestle.testkit.TrestleStack;

/** The published versions on a real broker: what one connector stored, the next one started reads back. */
class KafkaPublishedSchedulesTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafka();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_VERSION = 16 * 1024 * 1024;
    private static final ScheduleSnapshot V1 = Snapshots.of(Fixtures.HARBOUR_V1);
    private static final ScheduleSnapshot V2 = Snapshots.of(Fixtures.HARBOUR_V2);

    private final String topic = "published-schedules-" + UUID.randomUUID();

    @Test
    void createsItsCompactedTopicAndAStoreStartedLaterReadsTheLatestVersionOfEachProject() throws Exception {
        try (KafkaPublishedSchedules first = started(MAX_VERSION)) {
            assertThat(first.find("p6", "HQ-2025")).isEmpty();
            first.store(version(V1)).get(30, TimeUnit.SECONDS);
            first.store(version(V2)).get(30, TimeUnit.SECONDS);
            first.store(version(Snapshots.of(Fixtures.RIVERSIDE_V1))).get(30, TimeUnit.SECONDS);
        }
        // What an operator or another version may leave on the topic: an unreadable record, and a tombstone.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "[\"p6\",\"BROKEN\"]", "not json")).get();
            producer.send(new ProducerRecord<>(topic, "[\"msproject\",\"" + Snapshots.of(Fixtures.RIVERSIDE_V1)
                    .projectKey() + "\"]", null)).get();
        }

        try (KafkaPublishedSchedules restarted = started(MAX_VERSION)) {
            assertThat(restarted.find("p6", "HQ-2025")).get().extracting(PublishedVersion::snapshot).isEqualTo(V2);
            assertThat(restarted.size()).as("the tombstoned and the unreadable project are not there").isEqualTo(1);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()))
                    .isGreaterThan(MAX_VERSION);
        }
    }

    @Test
    void keepsAScheduleWhoseJsonIsFarLargerThanTheBrokersDefaultMessageSize() throws Exception {
        ScheduleSnapshot large = withTasks(V1, 12_000);
        assertThat(SnapshotJson.bytes(large).length).isGreaterThan(4 * 1024 * 1024);

        try (KafkaPublishedSchedules first = started(MAX_VERSION)) {
            first.store(version(large)).get(30, TimeUnit.SECONDS);
        }

        try (KafkaPublishedSchedules restarted = started(MAX_VERSION)) {
            assertThat(restarted.find("p6", "HQ-2025")).get().extracting(PublishedVersion::snapshot)
                    .isEqualTo(large);
        }
    }

    @Test
    void refusesBeforePublishingAScheduleTooLargeToBeStored() {
        try (KafkaPublishedSchedules small = new KafkaPublishedSchedules(
                KafkaConnection.plaintext(STACK.bootstrapServers()), topic, 1024,
                Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> small.requireStorable(V1)).isInstanceOf(VersionTooLargeException.class)
                    .hasMessageContaining("more than the 1024 a published version may have");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPublisherStartedOverTheStoredVersionsPublishesNothingForAnUnchangedSchedule() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (KafkaPublishedSchedules before = started(MAX_VERSION)) {
            publisher(before, sink).publish(V1, "draft-1");
        }
        sink.takeSent();

        try (KafkaPublishedSchedules afterRestart = started(MAX_VERSION)) {
            assertThat(publisher(afterRestart, sink).publish(V1, "draft-1").unchanged()).isTrue();
            assertThat(sink.sent).isEmpty();
            assertThat(publisher(afterRestart, sink).publish(V2, "draft-2").published()).isNotEmpty();
        }
    }

    private KafkaPublishedSchedules started(int maxVersion) {
        KafkaPublishedSchedules versions = new KafkaPublishedSchedules(
                KafkaConnection.plaintext(STACK.bootstrapServers()), topic, maxVersion,
                Duration.ofSeconds(10));
        versions.start();
        await().atMost(PATIENCE).until(versions::ready);
        return versions;
    }

    private static SchedulePublisher publisher(KafkaPublishedSchedules versions, RecordingSink sink) {
        return new SchedulePublisher(versions, new MapCrosswalk(), sink, ZoneId.of("Europe/London"),
                Duration.ofSeconds(30), Clock.systemUTC(), new ScheduleMetrics(new SimpleMeterRegistry()));
    }

    private static PublishedVersion version(ScheduleSnapshot snapshot) {
        return new PublishedVersion(snapshot, "draft-" + snapshot.revision(), Instant.now(), 0);
    }

    /** The snapshot with as many more activities as a large project has. */
    private static ScheduleSnapshot withTasks(ScheduleSnapshot snapshot, int count) {
        LocalDateTime start = LocalDateTime.of(2025, 5, 1, 8, 0);
        List<ScheduledTask> tasks = IntStream.range(0, count).mapToObj(i -> new ScheduledTask("X" + i,
                "Generated activity number " + i + " of a large schedule", "HQ-2025.PIL", TaskStatus.NOT_STARTED,
                true, start.plusHours(i), start.plusHours(i + 8), start.plusHours(i), start.plusHours(i + 8),
                start.plusHours(i), start.plusHours(i + 8), start.plusHours(i + 2), start.plusHours(i + 10), null,
                null, new BigDecimal("8.00"), new BigDecimal("16.00"), new BigDecimal("0.00"))).toList();
        return new ScheduleSnapshot(snapshot.format(), snapshot.sourceSystem(), snapshot.projectKey(),
                snapshot.projectName(), snapshot.revision(), snapshot.dataDate(), snapshot.wbs(), tasks,
                snapshot.crewAssignments(), snapshot.equipmentReservations(), snapshot.skippedAssignments());
    }
}
