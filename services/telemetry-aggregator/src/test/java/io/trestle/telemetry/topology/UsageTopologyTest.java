package io.trestle.telemetry.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.devregistry.DevRegistry;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Measure;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.telemetry.config.RegistryConfig;

/** The usage topology on Kafka's test driver, with the production Avro serdes against the dev registry. */
class UsageTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final UsageTopology.Settings SETTINGS = new UsageTopology.Settings(
            TrestleTopic.EQUIPMENT_TELEMETRY.topicName(), TrestleTopic.COST_POSTING.topicName(),
            Duration.ofMinutes(15), Duration.ofMinutes(5), "EUR", new BigDecimal("80.00"),
            Map.of("CRANE-7", new BigDecimal("240.00")), "UNALLOCATED");

    private static DevRegistry registry;

    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryReading> telemetry;
    private TestOutputTopic<String, CostPosting> postings;

    @BeforeAll
    static void startRegistry() {
        registry = DevRegistry.start(0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startDriver() {
        RegistryConfig registryConfig = new RegistryConfig() {

            @Override
            public String url() {
                return registry.apicurioUrl();
            }

            @Override
            public boolean autoRegister() {
                return true;
            }
        };
        UsageTopology.TopicSerdes serdes = new UsageTopology.TopicSerdes(TopologyProducer.avroSerde(registryConfig),
                TopologyProducer.avroSerde(registryConfig));
        topology = UsageTopology.build(SETTINGS, serdes, Clock.fixed(T0, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "usage-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "kafka-streams", UUID.randomUUID().toString())
                .toString());
        driver = new TopologyTestDriver(topology, props);
        telemetry = driver.createInputTopic(SETTINGS.telemetryTopic(), Serdes.String().serializer(),
                serdes.telemetry().serializer());
        postings = driver.createOutputTopic(SETTINGS.costPostingTopic(), Serdes.String().deserializer(),
                serdes.costPosting().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void emitsOnePricedPostingPerAssetAndWindowOnlyOnceTheWindowHasClosed() {
        send("EX-1", 0, 100.00, 5000.0);
        send("EX-1", 1, 100.10, 5003.0);
        send("EX-1", 2, 100.20, 5006.0);
        send("EX-1", 3, 100.25, 5007.5); // 08:15, the first window ends
        send("EX-1", 4, 100.25, 5007.5);

        assertThat(postings.isEmpty()).as("window 08:00–08:15 is still within its grace period").isTrue();

        send("EX-1", 5, 100.25, 5007.5); // 08:25 ≥ 08:15 + 5 min grace
        List<CostPosting> emitted = postings.readValuesToList();

        assertThat(emitted).hasSize(1);
        CostPosting posting = emitted.get(0);
        assertThat(posting.getAssetId()).isEqualTo("EX-1");
        assertThat(posting.getWindowStart()).isEqualTo(T0);
        assertThat(posting.getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(posting.getOperatingHours()).isCloseTo(0.25, within(1e-9));
        assertThat(posting.getAmount()).isEqualByComparingTo("20.00");
        assertThat(posting.getHourlyRate()).isEqualByComparingTo("80.00");
        assertThat(posting.getCurrency()).isEqualTo("EUR");
        assertThat(posting.getFuelUsed().getValue()).isCloseTo(7.5, within(1e-9));
        assertThat(posting.getCostCodeId()).isEqualTo("UNALLOCATED");
        assertThat(posting.getProjectId()).isNull();
    }

    @Test
    void usageBetweenReadingsInDifferentWindowsIsSplitByTime() {
        send("CRANE-7", 2, 10.0, null); // 08:10
        send("CRANE-7", 4, 10.5, null); // 08:20: 0.25 h before 08:15, 0.25 h after
        send("CRANE-7", 12, 10.5, null); // 09:00 closes both windows

        assertThat(postings.readValuesToList())
                .extracting(CostPosting::getWindowStart, CostPosting::getAmount)
                .containsExactly(tuple(T0, new BigDecimal("60.00")),
                        tuple(T0.plus(Duration.ofMinutes(15)), new BigDecimal("60.00")));
    }

    @Test
    void repeatedAndOutOfOrderReadingsAreNotCountedTwice() {
        send("EX-2", 0, 50.0, null);
        send("EX-2", 1, 50.5, null);
        send("EX-2", 1, 50.5, null); // the same reading again
        send("EX-2", 0, 50.0, null); // an older one, late
        send("EX-2", 2, 50.5, null);
        send("EX-2", 8, 50.5, null); // 08:40 closes 08:00–08:15

        assertThat(postings.readValuesToList()).extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("40.00"));
    }

    @Test
    void aCounterResetNeverProducesNegativeCost() {
        send("EX-3", 0, 9000.0, null);
        send("EX-3", 1, 9000.5, null);
        send("EX-3", 2, 3.0, null); // hour meter replaced
        send("EX-3", 3, 3.25, null);
        send("EX-3", 8, 3.25, null);

        assertThat(postings.readValuesToList()).extracting(CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactly(tuple(0.75, new BigDecimal("60.00")));
    }

    @Test
    void windowsOfAMachineThatStoodStillAreNotPosted() {
        send("EX-4", 0, 42.0, null);
        send("EX-4", 1, 42.0, null);
        send("EX-4", 8, 42.0, null);

        assertThat(postings.isEmpty()).isTrue();
    }

    @Test
    void postingIdsAreStableWhenTheSameInputIsProcessedAgain() {
        send("EX-5", 0, 1.0, null);
        send("EX-5", 1, 1.5, null);
        send("EX-5", 8, 1.5, null);
        String firstRun = postings.readValue().getPostingId();
        closeDriver();
        startDriver();

        send("EX-5", 0, 1.0, null);
        send("EX-5", 1, 1.5, null);
        send("EX-5", 8, 1.5, null);

        assertThat(postings.readValue().getPostingId()).isEqualTo(firstRun);
    }

    @Test
    void everyStoreAndOperatorIsNamedSoStateSurvivesTopologyChanges() {
        assertThat(topology.describe().toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(driver.getAllStateStores()).containsKeys(UsageTopology.COUNTER_STORE, UsageTopology.USAGE_STORE);
    }

    private void send(String assetId, int step, double operatingHours, Double fuelLitres) {
        Instant time = T0.plus(FIVE_MINUTES.multipliedBy(step));
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSourceSystem("test")
                .setOccurredAt(time)
                .setIngestedAt(time)
                .build();
        TelemetryReading reading = TelemetryReading.newBuilder()
                .setMetadata(metadata)
                .setAssetId(assetId)
                .setReadingTime(time)
                .setCumulativeOperatingHours(operatingHours)
                .setCumulativeFuelUsed(fuelLitres == null ? null : new Measure(fuelLitres, "L"))
                .build();
        telemetry.pipeInput(assetId, reading, time);
    }
}
