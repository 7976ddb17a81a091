package io.trestle.telemetry.topology;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.telemetry.config.AggregatorConfig;
import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;
import io.trestle.telemetry.domain.WindowUsage;
import io.trestle.telemetry.service.CostPostings;
import io.trestle.telemetry.service.CostPostings.PricedWindow;

/**
 * Telemetry → per-asset usage deltas → tumbling windows → one cost posting per asset and window when the window closes.
 * Every store and stateful operator is named, so their changelog and repartition topics keep their names when the
 * topology changes.
 */
public final class UsageTopology {

    public static final String COUNTER_STORE = "asset-counter-state";
    public static final String USAGE_STORE = "asset-window-usage";

    private UsageTopology() {
    }

    /** The Avro serdes of the topics; tests and production pass ones bound to their registry. */
    public record TopicSerdes(Serde<TelemetryReading> telemetry, Serde<CostPosting> costPosting) {
    }

    /** What the topology needs to know, separate from how it is configured so tests can state it plainly. */
    public record Settings(String telemetryTopic, String costPostingTopic, Duration windowSize, Duration grace,
            String currency, BigDecimal defaultHourlyRate, Map<String, BigDecimal> assetHourlyRates,
            String unallocatedCostCode) {

        public static Settings from(AggregatorConfig config) {
            return new Settings(config.topics().telemetry(), config.topics().costPostings(), config.window().size(),
                    config.window().grace(), config.pricing().currency(), config.pricing().defaultHourlyRate(),
                    Map.copyOf(config.pricing().assetHourlyRates()), config.unallocatedCostCode());
        }

        BigDecimal hourlyRate(String assetId) {
            return assetHourlyRates.getOrDefault(assetId, defaultHourlyRate);
        }
    }

    public static Topology build(Settings settings, TopicSerdes serdes, Clock clock) {
        long windowSizeMillis = settings.windowSize().toMillis();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTER_STORE),
                Serdes.String(), new ObjectMapperSerde<>(CounterState.class)));

        builder.stream(settings.telemetryTopic(),
                Consumed.with(Serdes.String(), serdes.telemetry())
                        .withTimestampExtractor(new ReadingTimeExtractor())
                        .withName("telemetry-source"))
                .processValues(() -> new CounterDeltaProcessor(windowSizeMillis), Named.as("counter-deltas"),
                        COUNTER_STORE)
                .groupByKey(Grouped.with("usage-by-asset", Serdes.String(), new ObjectMapperSerde<>(UsageDelta.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.grace()))
                .aggregate(() -> WindowUsage.NONE, (assetId, delta, usage) -> usage.add(delta),
                        Named.as("sum-window-usage"),
                        Materialized.<String, WindowUsage, WindowStore<Bytes, byte[]>>as(USAGE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new ObjectMapperSerde<>(WindowUsage.class)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("until-window-closes"))
                .toStream(Named.as("closed-windows"))
                .filter((window, usage) -> usage.hasUsage(), Named.as("skip-windows-without-usage"))
                .map((window, usage) -> price(settings, window, usage, clock), Named.as("price-window-usage"))
                .to(settings.costPostingTopic(),
                        Produced.with(Serdes.String(), serdes.costPosting()).withName("cost-posting-sink"));
        return builder.build();
    }

    private static KeyValue<String, CostPosting> price(Settings settings, Windowed<String> window,
            WindowUsage usage, Clock clock) {
        String assetId = window.key();
        // No reservations are joined yet: all usage is booked on the unallocated cost code.
        PricedWindow line = new PricedWindow(null, settings.unallocatedCostCode(), assetId,
                window.window().startTime(), window.window().endTime(), usage, settings.hourlyRate(assetId),
                settings.currency());
        CostPosting posting = CostPostings.toPosting(line, Instant.now(clock));
        return KeyValue.pair(postingKey(posting), posting);
    }

    /** Postings are keyed by project so one project's lines stay in order; unallocated ones by their cost code. */
    static String postingKey(CostPosting posting) {
        return posting.getProjectId() != null ? posting.getProjectId() : posting.getCostCodeId();
    }
}
