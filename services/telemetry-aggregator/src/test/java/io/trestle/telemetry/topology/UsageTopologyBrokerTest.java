package io.trestle.telemetry.topology;

import static io.trestle.telemetry.topology.TopologyFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.opentest4j.AssertionFailedError;

import io.trestle.kafka.QuarantiningDeserializationHandler;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.schema.operations.UnallocatedUsageStatus;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.ConsumeUntil;
import io.trestle.testkit.kafka.TopicSpec;

/**
 * The topology on a real broker and registry, with exactly-once processing as in production: a reserved machine's usage
 * is posted on its project at Odoo's rate, an unreserved one's as unallocated with its business exception, and a late
 * reading corrects a posted window. A reading no serde can read is quarantined with its bytes, and the readings after
 * it are charged.
 */
class UsageTopologyBrokerTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    /** Yesterday 08:00 UTC, well within the topics' retention. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(16));

    /** A telemetry value that is not Avro: a vendor's JSON sent to the topic directly. */
    private static final byte[] GARBAGE = "{\"assetId\":\"EX-1\",\"operatingHours\":100.1}"
            .getBytes(StandardCharsets.UTF_8);

    private static KafkaStreams streams;
    private static RecordMetadata unreadable;

    @BeforeAll
    static void startStreams() throws Exception {
        AggregatorSettings.Topics topics = SETTINGS.topics();
        STACK.createTopics(TopicSpec.of(topics.telemetry(), 2), TopicSpec.of(topics.reservations(), 2),
                TopicSpec.compacted(topics.equipmentAssets(), 1), TopicSpec.of(topics.costPostings(), 2),
                TopicSpec.of(topics.unallocatedUsage(), 1), TopicSpec.of(topics.quarantine(), 1),
                TopicSpec.compacted(topics.assetUtilization(), 1));
        // Ahead of EX-1's readings on their partition: they are charged only if processing goes on past it.
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            unreadable = raw.send(new ProducerRecord<>(topics.telemetry(), null, T0.toEpochMilli(), "EX-1", GARBAGE))
                    .get();
        }
        try (KafkaProducer<String, SpecificRecord> producer = STACK.avro().producer()) {
            Instant published = T0.minus(Duration.ofDays(1));
            producer.send(new ProducerRecord<>(topics.equipmentAssets(), null, published.toEpochMilli(), "EX-1",
                    TopologyFixture.asset("EX-1", published,
                            TopologyFixture.rate(Instant.EPOCH, null, "100", "EUR"))))
                    .get();
            producer.send(new ProducerRecord<>(topics.reservations(), null, published.toEpochMilli(), "EX-1",
                    TopologyFixture.reservation("EX-1", "R-1", "42", "7", "100", T0.minus(Duration.ofHours(1)),
                            T0.plus(Duration.ofHours(8)), ReservationStatus.CONFIRMED, published)))
                    .get();
            // Both work 0.05 h per five minutes until 08:20; EX-2 misses its 08:15 reading.
            for (int minute = 0; minute <= 30; minute += 5) {
                double hours = Math.min(minute, 20) / 100.0;
                send(producer, "EX-1", minute, 100.0 + hours);
                if (minute != 15) {
                    send(producer, "EX-2", minute, 200.0 + hours);
                }
            }
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "usage-topology-broker-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-streams-").toString());
        RegistryConnection registry = RegistryConnection.anonymous(STACK.registryUrl());
        // As application.properties configures it.
        props.putAll(QuarantiningDeserializationHandler.streamsConfig(topics.quarantine(), QuarantineEvents.DETECTED_BY,
                registry));
        streams = new KafkaStreams(UsageTopology.build(SETTINGS, TopologyProducer.serdes(registry),
                Clock.systemUTC()), props);
        streams.start();
    }

    @AfterAll
    static void stopStreams() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void reservedUsageIsPostedOnItsProjectAndUnreservedUsageAsUnallocatedThenCorrectedByLateData()
            throws Exception {
        // Stream time 08:30 has closed the windows 08:00–08:15 (due at 08:20), not yet 08:15–08:30.
        List<CostPosting> originals = consume(SETTINGS.topics().costPostings(), 2);
        assertThat(originals)
                .extracting(CostPosting::getAssetId, CostPosting::getProjectId, CostPosting::getTaskId,
                        CostPosting::getCostCodeId, CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactlyInAnyOrder(tuple("EX-1", "42", "7", "100", 0.15, new BigDecimal("15.00")),
                        tuple("EX-2", null, null, TopologyFixture.UNALLOCATED, 0.15, new BigDecimal("12.00")));
        List<UnallocatedUsageChanged> exceptions = consume(SETTINGS.topics().unallocatedUsage(), 1);
        assertThat(exceptions).extracting(UnallocatedUsageChanged::getAssetId, UnallocatedUsageChanged::getStatus)
                .containsExactly(tuple("EX-2", UnallocatedUsageStatus.OPEN));
        CostPosting unallocated = originals.stream().filter(p -> p.getAssetId().equals("EX-2")).findFirst()
                .orElseThrow();

        try (KafkaProducer<String, SpecificRecord> producer = STACK.avro().producer()) {
            // EX-2's missing reading turns up: it had done all of its 08:10–08:20 work by 08:15.
            send(producer, "EX-2", 15, 200.20);
            send(producer, "EX-1", 40, 100.20);
            send(producer, "EX-2", 40, 200.20);
        }

        List<String> originalIds = originals.stream().map(CostPosting::getPostingId).toList();
        List<CostPosting> all = consume(SETTINGS.topics().costPostings(), 4);
        assertThat(all).filteredOn(posting -> !originalIds.contains(posting.getPostingId()))
                .extracting(CostPosting::getAssetId, CostPosting::getWindowStart, CostPosting::getRevision,
                        CostPosting::getCorrectionOf, CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactlyInAnyOrder(
                        tuple("EX-1", T0.plus(Duration.ofMinutes(15)), 0, null, 0.05, new BigDecimal("5.00")),
                        tuple("EX-2", T0, 1, unallocated.getPostingId(), 0.2, new BigDecimal("16.00")));
    }

    @Test
    void anUnreadableReadingIsQuarantinedVerbatimAndTheReadingsAfterItAreCharged() {
        QuarantinedEvent entry = quarantineEntryOf(unreadable);
        assertThat(entry.getReasonCode()).isEqualTo("UNREADABLE_RECORD");
        assertThat(entry.getDetectedBy()).isEqualTo("telemetry-aggregator");
        assertThat(entry.getSourceKey()).isEqualTo(ByteBuffer.wrap("EX-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(entry.getPayload()).isEqualTo(ByteBuffer.wrap(GARBAGE));
        assertThat(entry.getPayloadText()).isEqualTo(new String(GARBAGE, StandardCharsets.UTF_8));

        List<CostPosting> postings = consume(SETTINGS.topics().costPostings(), 2);
        assertThat(postings).extracting(CostPosting::getAssetId).contains("EX-1");
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    /**
     * The entry of one source record. Searched for rather than counted: a {@code @QuarkusTest} of this module may run
     * its own aggregator on the same broker, which writes entries of its own to the topic.
     */
    private static QuarantinedEvent quarantineEntryOf(RecordMetadata source) {
        try (KafkaConsumer<String, SpecificRecord> consumer = STACK.avro()
                .specificConsumer("usage-topology-broker-test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(SETTINGS.topics().quarantine()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof QuarantinedEvent entry
                            && source.topic().equals(entry.getSourceTopic())
                            && Integer.valueOf(source.partition()).equals(entry.getSourcePartition())
                            && Long.valueOf(source.offset()).equals(entry.getSourceOffset())) {
                        return entry;
                    }
                }
            }
        }
        throw new AssertionFailedError("No quarantine entry of " + source + " within 60 s");
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String assetId, int minute,
            double operatingHours) throws Exception {
        Instant time = T0.plus(Duration.ofMinutes(minute));
        producer.send(new ProducerRecord<>(SETTINGS.topics().telemetry(), null, time.toEpochMilli(), assetId,
                TopologyFixture.reading(assetId, time, operatingHours, null, null))).get();
    }

    @SuppressWarnings("unchecked")
    private static <V> List<V> consume(String topic, int expected) {
        try (KafkaConsumer<String, SpecificRecord> consumer = STACK.avro()
                .specificConsumer("usage-topology-broker-test-" + UUID.randomUUID())) {
            return ConsumeUntil.records(consumer, topic, expected, Duration.ofSeconds(60)).stream()
                    .map(record -> (V) ((ConsumerRecord<String, SpecificRecord>) record).value())
                    .toList();
        }
    }
}
