package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.kafka.QuarantiningDeserializationHandler;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.AvailabilityState;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.operations.ConflictStatus;
import io.trestle.schema.operations.ConflictType;
import io.trestle.schema.operations.NotificationCategory;
import io.trestle.schema.operations.NotificationKind;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.schedule.ScheduleReviewRequested;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.ConsumeUntil;
import io.trestle.testkit.kafka.TopicSpec;

/**
 * The topology on a real broker and registry, with exactly-once processing as in production: a machine reserved now
 * breaks down, which opens a conflict, asks its project for a review, notifies a business exception and takes it down
 * on the availability topic it also reads; clearing the fault resolves the conflict and notifies that the asset is
 * back. A record no serde can read is quarantined with its bytes, and the records after it are processed.
 */
class OperationsTopologyBrokerTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static KafkaStreams streams;

    @BeforeAll
    static void startStreams() throws Exception {
        OperationsSettings.Topics topics = SETTINGS.topics();
        STACK.createTopics(TopicSpec.of(topics.reservations(), 2), TopicSpec.of(topics.faults(), 2),
                TopicSpec.of(topics.workOrders(), 2), TopicSpec.compacted(topics.availability(), 2),
                TopicSpec.of(topics.taskCancellations(), 1),
                TopicSpec.compacted(topics.conflicts(), 1), TopicSpec.of(topics.reviewRequests(), 1),
                TopicSpec.of(topics.notifications(), 1), TopicSpec.of(topics.quarantine(), 1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "operations-topology-broker-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-streams-").toString());
        RegistryConnection registry = RegistryConnection.anonymous(STACK.registryUrl());
        // As application.properties configures it.
        props.putAll(QuarantiningDeserializationHandler.streamsConfig(topics.quarantine(),
                QuarantineProcessor.DETECTED_BY, registry));
        streams = new KafkaStreams(OperationsTopology.build(SETTINGS, TopologyProducer.serdes(registry)), props);
        streams.start();
    }

    @AfterAll
    static void stopStreams() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBreakdownDuringARunningReservationOpensAConflictRequestsAReviewAndTakesTheAssetDown() throws Exception {
        OperationsSettings.Topics topics = SETTINGS.topics();
        try (KafkaProducer<String, SpecificRecord> producer = STACK.avro().producer()) {
            producer.send(new ProducerRecord<>(topics.reservations(), "EX-1",
                    TopologyFixture.reservation("EX-1", "R-1", "P-1", "T-1", NOW.minus(Duration.ofHours(1)),
                            NOW.plus(Duration.ofHours(8)), ReservationStatus.CONFIRMED, NOW)))
                    .get();
            producer.send(new ProducerRecord<>(topics.faults(), "EX-1",
                    TopologyFixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, NOW))).get();
        }

        assertThat(this.<ScheduleConflictChanged>consume(topics.conflicts(), 1))
                .extracting(ScheduleConflictChanged::getConflictType, ScheduleConflictChanged::getStatus,
                        ScheduleConflictChanged::getReservationIds)
                .containsExactly(tuple(ConflictType.ASSET_DOWN_DURING_TASK, ConflictStatus.OPEN, List.of("R-1")));
        assertThat(this.<ScheduleReviewRequested>consume(topics.reviewRequests(), 1))
                .extracting(ScheduleReviewRequested::getProjectId, ScheduleReviewRequested::getTaskIds)
                .containsExactly(tuple("P-1", List.of("T-1")));
        assertThat(this.<AvailabilityChanged>consume(topics.availability(), 2))
                .extracting(AvailabilityChanged::getState)
                .containsExactly(AvailabilityState.IN_USE, AvailabilityState.DOWN);
        assertThat(this.<OperationsNotification>consume(topics.notifications(), 1))
                .extracting(OperationsNotification::getKind, OperationsNotification::getCategory,
                        OperationsNotification::getTaskIds)
                .containsExactly(tuple(NotificationKind.BREAKDOWN_REPORTED, NotificationCategory.BUSINESS_EXCEPTION,
                        List.of("T-1")));

        try (KafkaProducer<String, SpecificRecord> producer = STACK.avro().producer()) {
            producer.send(new ProducerRecord<>(topics.faults(), "EX-1",
                    TopologyFixture.fault("EX-1", "F-1", FaultState.CLEARED, true, NOW))).get();
        }
        assertThat(this.<ScheduleConflictChanged>consume(topics.conflicts(), 2))
                .extracting(ScheduleConflictChanged::getStatus)
                .containsExactly(ConflictStatus.OPEN, ConflictStatus.RESOLVED);
        assertThat(this.<AvailabilityChanged>consume(topics.availability(), 3))
                .extracting(AvailabilityChanged::getState)
                .containsExactly(AvailabilityState.IN_USE, AvailabilityState.DOWN, AvailabilityState.IN_USE);
        assertThat(this.<OperationsNotification>consume(topics.notifications(), 2))
                .extracting(OperationsNotification::getKind, OperationsNotification::getAssetOutOfService)
                .containsExactly(tuple(NotificationKind.BREAKDOWN_REPORTED, true),
                        tuple(NotificationKind.BREAKDOWN_CLEARED, false));
    }

    @Test
    void anUnreadableRecordIsQuarantinedVerbatimAndTheRecordAfterItIsProcessed() throws Exception {
        OperationsSettings.Topics topics = SETTINGS.topics();
        byte[] garbage = "{\"reservationId\":\"R-9\",\"assetId\":\"EX-9\"}".getBytes(StandardCharsets.UTF_8);
        RecordMetadata unreadable;
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            unreadable = raw.send(new ProducerRecord<>(topics.reservations(), "EX-9", garbage)).get();
        }
        try (KafkaProducer<String, SpecificRecord> producer = STACK.avro().producer()) {
            // Ends before it starts, so it is refused into quarantine too: its entry shows it was processed.
            producer.send(new ProducerRecord<>(topics.reservations(), "EX-9", TopologyFixture.reservation("EX-9",
                    "R-9", "P-9", "T-9", NOW, NOW.minus(Duration.ofHours(1)), ReservationStatus.CONFIRMED, NOW)))
                    .get();
        }

        List<QuarantinedEvent> entries = consume(topics.quarantine(), 2);
        assertThat(entries).extracting(QuarantinedEvent::getReasonCode, QuarantinedEvent::getDetectedBy)
                .containsExactly(tuple("UNREADABLE_RECORD", "operations-processor"),
                        tuple("INCONSISTENT_DATES", "operations-processor"));
        QuarantinedEvent entry = entries.get(0);
        assertThat(entry.getSourceTopic()).isEqualTo(topics.reservations());
        assertThat(entry.getSourcePartition()).isEqualTo(unreadable.partition());
        assertThat(entry.getSourceOffset()).isEqualTo(unreadable.offset());
        assertThat(entry.getSourceKey()).isEqualTo(ByteBuffer.wrap("EX-9".getBytes(StandardCharsets.UTF_8)));
        assertThat(entry.getPayload()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(entry.getMessage()).startsWith("Record " + topics.reservations() + "-" + unreadable.partition()
                + "@" + unreadable.offset() + " could not be deserialized");
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @SuppressWarnings("unchecked")
    private <V> List<V> consume(String topic, int expected) {
        try (KafkaConsumer<String, SpecificRecord> consumer = STACK.avro()
                .specificConsumer("operations-topology-broker-test-" + UUID.randomUUID())) {
            return ConsumeUntil.records(consumer, topic, expected, Duration.ofSeconds(60)).stream()
                    .map(record -> (V) ((ConsumerRecord<String, SpecificRecord>) record).value())
                    .toList();
        }
    }
}
