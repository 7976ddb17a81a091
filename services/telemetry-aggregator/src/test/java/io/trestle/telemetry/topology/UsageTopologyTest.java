package io.trestle.telemetry.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.telemetry.config.RegistryConfig;
import io.trestle.telemetry.service.CounterDeltas;

/** The usage topology on Kafka's test driver, with the production Avro serdes against the dev registry. */
class UsageTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final UsageTopology.Settings SETTINGS = new UsageTopology.Settings(
            TrestleTopic.EQUIPMENT_TELEMETRY.topicName(), TrestleTopic.COST_POSTING.topicName(),
            TrestleTopic.INTEGRATION_QUARANTINE.topicName(), Duration.ofMinutes(15), Duration.ofMinutes(5),
            new CounterDeltas.Rules(Duration.ofHours(6), 0.1), "EUR", new BigDecimal("80.00"),
            Map.of("CRANE-7", new BigDecimal("240.00")), "UNALLOCATED");

    private static DevRegistry registry;

    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryReading> telemetry;
    private TestOutputTopic<String, CostPosting> postings;
    private TestOutputTopic<String, QuarantinedEvent> quarantine;

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
        startDriver(Clock.fixed(T0, ZoneOffset.UTC));
    }

    private void startDriver(Clock clock) {
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
                TopologyProducer.avroSerde(registryConfig), TopologyProducer.avroSerde(registryConfig));
        topology = UsageTopology.build(SETTINGS, serdes, clock);
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
        quarantine = driver.createOutputTopic(SETTINGS.quarantineTopic(), Serdes.String().deserializer(),
                serdes.quarantine().deserializer());
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
        send("CRANE-7", 4, 10.1, null); // 08:20: 0.05 h before 08:15, 0.05 h after
        send("CRANE-7", 12, 10.1, null); // 09:00 closes both windows

        assertThat(postings.readValuesToList())
                .extracting(CostPosting::getWindowStart, CostPosting::getAmount)
                .containsExactly(tuple(T0, new BigDecimal("12.00")),
                        tuple(T0.plus(Duration.ofMinutes(15)), new BigDecimal("12.00")));
    }

    @Test
    void repeatedAndOutOfOrderReadingsAreNotCountedTwice() {
        send("EX-2", 0, 50.0, null);
        send("EX-2", 1, 50.05, null);
        send("EX-2", 1, 50.05, null); // the same reading again
        send("EX-2", 0, 50.0, null); // an older one, late
        send("EX-2", 2, 50.05, null);
        send("EX-2", 8, 50.05, null); // 08:40 closes 08:00–08:15

        assertThat(postings.readValuesToList()).extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("4.00"));
        assertThat(quarantine.isEmpty()).isTrue();
    }

    @Test
    void aCounterResetNeverProducesNegativeCostAndIsFlaggedForReview() {
        send("EX-3", 0, 9000.0, null);
        send("EX-3", 1, 9000.05, null);
        send("EX-3", 2, 3.0, null); // hour meter replaced
        send("EX-3", 3, 3.05, null);
        send("EX-3", 8, 3.05, null);

        assertThat(postings.readValuesToList()).extracting(CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactly(tuple(0.1, new BigDecimal("8.00")));
        assertThat(quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("COUNTER_WENT_BACKWARDS");
            assertThat(entry.getMessage()).contains("9000.05", "3.0");
            assertThat(entry.getPayloadText()).contains("\"assetId\": \"EX-3\"");
            assertThat(entry.getDetectedBy()).isEqualTo("telemetry-aggregator");
        });
    }

    @Test
    void aMeterJumpingFurtherThanTheElapsedTimeIsQuarantinedNotCharged() {
        send("EX-6", 0, 3.0, null);
        send("EX-6", 1, 9000.0, null); // 8997 h in five minutes: a replaced meter or a bad value
        send("EX-6", 2, 9000.05, null);
        send("EX-6", 8, 9000.05, null);

        assertThat(postings.readValuesToList()).extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("4.00"));
        assertThat(quarantine.readValuesToList()).extracting(QuarantinedEvent::getReasonCode)
                .containsExactly("VALUE_OUT_OF_RANGE");
    }

    @Test
    void usageOfARarelyReportingMachineThatMissedItsWindowIsQuarantinedNotLost() {
        send("EX-7", 0, 10.0, null); // 08:00
        send("EX-8", 0, 20.0, null);
        for (int step = 1; step <= 8; step++) {
            send("EX-8", step, 20.0, null); // EX-8 reports every 5 minutes and moves stream time to 08:40
        }
        send("EX-7", 8, 10.4, null); // EX-7 reports again at 08:40: its 08:00–08:15 share is too late

        List<QuarantinedEvent> flagged = quarantine.readValuesToList();
        assertThat(flagged).extracting(QuarantinedEvent::getReasonCode).containsOnly("USAGE_AFTER_WINDOW_CLOSED");
        assertThat(flagged).hasSize(2); // the shares of 08:00–08:15 and 08:15–08:30
        assertThat(flagged.get(0).getMessage()).contains("window " + T0 + "–" + T0.plus(Duration.ofMinutes(15)));
        send("EX-7", 20, 10.4, null); // 09:40 closes the rest
        assertThat(postings.readValuesToList()).extracting(CostPosting::getAssetId, CostPosting::getWindowStart,
                CostPosting::getOperatingHours)
                .containsExactly(tuple("EX-7", T0.plus(Duration.ofMinutes(30)), 0.1));
    }

    @Test
    void aDeviceClockRunningFastCannotCloseOtherMachinesWindows() {
        send("EX-9", 0, 50.0, null);
        send("EX-9", 1, 50.05, null);
        // FAST-1's clock says 09:00 and 09:05, but Kafka received the readings at 08:06 and 08:07.
        sendAt("FAST-1", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(6)), 7.0);
        sendAt("FAST-1", T0.plus(Duration.ofMinutes(65)), T0.plus(Duration.ofMinutes(7)), 7.01);
        send("EX-9", 2, 50.1, null);
        send("EX-9", 8, 50.1, null);

        assertThat(quarantine.isEmpty()).isTrue();
        assertThat(postings.readValuesToList()).filteredOn(p -> p.getAssetId().equals("EX-9"))
                .extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("8.00"));
    }

    @Test
    void invalidSettingsStopTheServiceAtStart() {
        assertThatThrownBy(() -> withRate(new BigDecimal("-5"))).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new UsageTopology.Settings("t", "c", "q", Duration.ofMinutes(15),
                Duration.ofMinutes(5), SETTINGS.counterRules(), "EURO", BigDecimal.TEN, Map.of(), "U"))
                .hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> new UsageTopology.Settings("t", "c", "q", Duration.ZERO, Duration.ofMinutes(5),
                SETTINGS.counterRules(), "EUR", BigDecimal.TEN, Map.of(), "U")).hasMessageContaining("window size");
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
        send("EX-5", 1, 1.05, null);
        send("EX-5", 8, 1.05, null);
        String firstRun = postings.readValue().getPostingId();
        closeDriver();
        startDriver(Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC));

        send("EX-5", 0, 1.0, null);
        send("EX-5", 1, 1.05, null);
        send("EX-5", 8, 1.05, null);

        assertThat(postings.readValue().getPostingId()).isEqualTo(firstRun);
    }

    @Test
    void everyStoreAndOperatorIsNamedSoStateSurvivesTopologyChanges() {
        assertThat(topology.describe().toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(driver.getAllStateStores()).containsKeys(UsageTopology.COUNTER_STORE, UsageTopology.USAGE_STORE);
    }

    private static UsageTopology.Settings withRate(BigDecimal rate) {
        return new UsageTopology.Settings("t", "c", "q", Duration.ofMinutes(15), Duration.ofMinutes(5),
                SETTINGS.counterRules(), "EUR", rate, Map.of(), "U");
    }

    private void sendAt(String assetId, Instant readingTime, Instant receivedAt, double operatingHours) {
        telemetry.pipeInput(assetId, reading(assetId, readingTime, operatingHours, null), receivedAt);
    }

    private void send(String assetId, int step, double operatingHours, Double fuelLitres) {
        Instant time = T0.plus(FIVE_MINUTES.multipliedBy(step));
        telemetry.pipeInput(assetId, reading(assetId, time, operatingHours, fuelLitres), time);
    }

    private static TelemetryReading reading(String assetId, Instant time, double operatingHours, Double fuelLitres) {
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSourceSystem("test")
                .setOccurredAt(time)
                .setIngestedAt(time)
                .build();
        return TelemetryReading.newBuilder()
                .setMetadata(metadata)
                .setAssetId(assetId)
                .setReadingTime(time)
                .setCumulativeOperatingHours(operatingHours)
                .setCumulativeFuelUsed(fuelLitres == null ? null : new Measure(fuelLitres, "L"))
                .build();
    }
}
