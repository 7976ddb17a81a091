package io.trestle.telemetry.topology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.analytics.AssetUtilization;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Measure;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.HourlyRate;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.telemetry.service.CounterDeltas;
import io.trestle.telemetry.service.PricingRules;
import io.trestle.testkit.TrestleStack;

/**
 * The usage topology on Kafka's test driver, with the production Avro serdes against the dev registry, and the inputs
 * the tests speak in: minutes after {@link #T0}. Public for the query tests, which read its stores, and the integration
 * tests, which send its records.
 */
public final class TopologyFixture implements AutoCloseable, AfterEachCallback {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final String UNALLOCATED = "UNALLOCATED";
    static final PricingRules PRICING = new PricingRules("EUR", new BigDecimal("80.00"),
            Map.of("CRANE-7", new BigDecimal("240.00")), BigDecimal.ONE, Optional.empty(), UNALLOCATED);
    /** 15-minute windows, 5 minutes of grace, corrections for a day, analytics kept for 400 days. */
    public static final AggregatorSettings SETTINGS = new AggregatorSettings(
            new AggregatorSettings.Topics(TrestleTopic.EQUIPMENT_TELEMETRY.topicName(),
                    TrestleTopic.EQUIPMENT_RESERVATION.topicName(), TrestleTopic.MASTER_EQUIPMENT_ASSET.topicName(),
                    TrestleTopic.COST_POSTING.topicName(), TrestleTopic.OPERATIONS_UNALLOCATED_USAGE.topicName(),
                    TrestleTopic.INTEGRATION_QUARANTINE.topicName(),
                    TrestleTopic.ANALYTICS_ASSET_UTILIZATION.topicName()),
            new AggregatorSettings.Windows(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofDays(1)),
            new CounterDeltas.Rules(Duration.ofHours(6), 0.1, Duration.ofMinutes(30)), PRICING, Duration.ofDays(400));

    final Topology topology;
    public final TopologyTestDriver driver;
    final TestInputTopic<String, TelemetryReading> telemetry;
    final TestInputTopic<String, ReservationChanged> reservations;
    final TestInputTopic<String, EquipmentAssetSnapshot> assets;
    final TestOutputTopic<String, CostPosting> postings;
    final TestOutputTopic<String, UnallocatedUsageChanged> unallocated;
    final TestOutputTopic<String, QuarantinedEvent> quarantine;
    final TestOutputTopic<String, AssetUtilization> utilization;

    TopologyFixture(AggregatorSettings settings, Clock clock) {
        UsageTopology.TopicSerdes serdes = TopologyProducer
                .serdes(RegistryConnection.anonymous(TrestleStack.schemaRegistry().registryUrl()));
        topology = UsageTopology.build(settings, serdes, clock);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "usage-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "kafka-streams", UUID.randomUUID().toString()).toString());
        driver = new TopologyTestDriver(topology, props);
        AggregatorSettings.Topics topics = settings.topics();
        telemetry = driver.createInputTopic(topics.telemetry(), Serdes.String().serializer(),
                serdes.telemetry().serializer());
        reservations = driver.createInputTopic(topics.reservations(), Serdes.String().serializer(),
                serdes.reservation().serializer());
        assets = driver.createInputTopic(topics.equipmentAssets(), Serdes.String().serializer(),
                serdes.equipmentAsset().serializer());
        postings = driver.createOutputTopic(topics.costPostings(), Serdes.String().deserializer(),
                serdes.costPosting().deserializer());
        unallocated = driver.createOutputTopic(topics.unallocatedUsage(), Serdes.String().deserializer(),
                serdes.unallocatedUsage().deserializer());
        quarantine = driver.createOutputTopic(topics.quarantine(), Serdes.String().deserializer(),
                serdes.quarantine().deserializer());
        utilization = driver.createOutputTopic(topics.assetUtilization(), Serdes.String().deserializer(),
                serdes.assetUtilization().deserializer());
    }

    public TopologyFixture(AggregatorSettings settings) {
        this(settings, Clock.fixed(T0, ZoneOffset.UTC));
    }

    static AggregatorSettings withPricing(PricingRules pricing) {
        return new AggregatorSettings(SETTINGS.topics(), SETTINGS.windows(), SETTINGS.counterRules(), pricing,
                SETTINGS.analyticsRetention());
    }

    static AggregatorSettings withCorrectionRetention(Duration retention) {
        return new AggregatorSettings(SETTINGS.topics(), new AggregatorSettings.Windows(SETTINGS.windows().size(),
                SETTINGS.windows().grace(), retention), SETTINGS.counterRules(), SETTINGS.pricing(),
                SETTINGS.analyticsRetention());
    }

    static AggregatorSettings withAnalyticsRetention(Duration retention) {
        return new AggregatorSettings(SETTINGS.topics(), SETTINGS.windows(), SETTINGS.counterRules(),
                SETTINGS.pricing(), retention);
    }

    static Instant at(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    /** The n-th 15-minute window of the day's tests: 0 is 08:00–08:15. */
    static Instant window(int n) {
        return T0.plus(Duration.ofMinutes(15L * n));
    }

    void reading(String assetId, double minute, double operatingHours) {
        reading(assetId, minute, operatingHours, null, null);
    }

    public void reading(String assetId, double minute, double operatingHours, Double idleHours, Double fuelLitres) {
        Instant time = at(minute);
        telemetry.pipeInput(assetId, reading(assetId, time, operatingHours, idleHours, fuelLitres), time);
    }

    /** A reading taken at {@code readingTime} that Kafka received at {@code receivedAt}. */
    void reading(String assetId, Instant readingTime, Instant receivedAt, double operatingHours) {
        telemetry.pipeInput(assetId, reading(assetId, readingTime, operatingHours, null, null), receivedAt);
    }

    public static TelemetryReading reading(String assetId, Instant time, double operatingHours, Double idleHours,
            Double fuelLitres) {
        return TelemetryReading.newBuilder()
                .setMetadata(metadata(time))
                .setAssetId(assetId)
                .setReadingTime(time)
                .setCumulativeOperatingHours(operatingHours)
                .setCumulativeIdleHours(idleHours)
                .setCumulativeFuelUsed(fuelLitres == null ? null : new Measure(fuelLitres, "L"))
                .build();
    }

    /** A reservation as the equipment platform reports it, changed at {@code changedAtMinute}. */
    void reserve(String assetId, String reservationId, String projectId, String taskId, String costCodeId,
            double fromMinute, double toMinute, ReservationStatus status, double changedAtMinute) {
        reservations.pipeInput(assetId, reservation(assetId, reservationId, projectId, taskId, costCodeId,
                at(fromMinute), at(toMinute), status, at(changedAtMinute)), at(changedAtMinute));
    }

    public void confirmed(String assetId, String reservationId, String projectId, String costCodeId, double fromMinute,
            double toMinute) {
        reserve(assetId, reservationId, projectId, null, costCodeId, fromMinute, toMinute, ReservationStatus.CONFIRMED,
                -60);
    }

    void rates(String assetId, HourlyRate... rates) {
        Instant published = T0.minus(Duration.ofDays(30));
        assets.pipeInput(assetId, asset(assetId, published, rates), published);
    }

    public static ReservationChanged reservation(String assetId, String reservationId, String projectId, String taskId,
            String costCodeId, Instant from, Instant to, ReservationStatus status, Instant changedAt) {
        return ReservationChanged.newBuilder()
                .setMetadata(metadata(changedAt))
                .setReservationId(reservationId)
                .setAssetId(assetId)
                .setProjectId(projectId)
                .setTaskId(taskId)
                .setCostCodeId(costCodeId)
                .setReservedFrom(from)
                .setReservedTo(to)
                .setStatus(status)
                .build();
    }

    static EquipmentAssetSnapshot asset(String assetId, Instant published, HourlyRate... rates) {
        return EquipmentAssetSnapshot.newBuilder()
                .setMetadata(metadata(published))
                .setAssetId(assetId)
                .setName("Excavator " + assetId)
                .setHourlyRates(List.of(rates))
                .build();
    }

    static HourlyRate rate(Instant from, Instant to, String rate, String currency) {
        return new HourlyRate(from, to, new BigDecimal(rate).setScale(4, RoundingMode.UNNECESSARY), currency);
    }

    private static EventMetadata metadata(Instant time) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSourceSystem("test")
                .setOccurredAt(time)
                .setIngestedAt(time)
                .build();
    }

    @Override
    public void close() {
        driver.close();
    }

    /** As an extension ({@code @RegisterExtension final TopologyFixture fixture = ...}): closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
