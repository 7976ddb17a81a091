package io.trestle.telemetry.topology;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.trestle.schema.analytics.AssetUtilization;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.telemetry.domain.AssetDay;
import io.trestle.telemetry.domain.DayUtilization;
import io.trestle.telemetry.domain.PostedWindow;
import io.trestle.telemetry.domain.ProjectDayCost;
import io.trestle.telemetry.domain.RecentReadings;
import io.trestle.telemetry.domain.ReservationBook;
import io.trestle.telemetry.domain.WindowUsage;

/**
 * Telemetry → per-asset usage in reading-time order ({@link CounterDeltaProcessor}) → per-asset windows, attributed to
 * reservations and priced at the effective rates when they close, corrected when late data or reservations change them
 * ({@link UsageLedgerProcessor}) → cost postings, unallocated-usage exceptions and quarantine entries; the postings
 * also feed the analysts' stores: utilization per asset and day ({@link UtilizationProcessor}, published to the
 * utilization topic) and cost per project, day and cost code ({@link ProjectCostProcessor}).
 *
 * <p>
 * Telemetry and reservations are both keyed by asset id and read by the same task per partition number, so the two
 * topics must have the same number of partitions (as for a join). Equipment master data is a global table: every
 * instance reads all of it, whatever the partitioning.
 *
 * <p>
 * Every store and operator is named, so their changelog topics keep their names when the topology changes. The stores
 * are keyed by asset id ({@code <assetId>|<windowStart>} for windows), ready for interactive queries.
 */
public final class UsageTopology {

    /** Per asset: the readings within the reorder horizon. */
    public static final String READINGS_STORE = "asset-recent-readings";
    /** Per asset and window: usage slices, and when the window is due. */
    public static final String USAGE_STORE = "asset-window-usage-slices";
    /** Per asset and window: the lines posted, with their revisions. */
    public static final String POSTED_STORE = "asset-window-postings";
    /** Per asset: its reservations. */
    public static final String RESERVATION_STORE = "asset-reservations";
    /** Per asset: Odoo's equipment master data with the rate history (global). */
    public static final String RATES_STORE = "equipment-assets";
    /** Windows by the stream time they are due to be posted or forgotten. */
    public static final String DEADLINE_STORE = "window-deadlines";
    /** The task's stream time: the latest reading time it has seen. */
    public static final String STREAM_TIME_STORE = "usage-stream-time";
    /** Per asset and UTC day ({@code <assetId>|<yyyy-MM-dd>}): the posted lines' hours, for utilization. */
    public static final String UTILIZATION_STORE = "asset-daily-utilization";
    /** Per UTC day and asset ({@code <yyyy-MM-dd>|<assetId>}): the day's utilization, so a day is one prefix scan. */
    public static final String DAILY_UTILIZATION_STORE = "daily-asset-utilization";
    /** Per project, UTC day and cost code ({@code <projectId>|<yyyy-MM-dd>|<costCodeId>}): the posted lines' cost. */
    public static final String PROJECT_COST_STORE = "project-daily-costs";
    /**
     * Per UTC day, project and cost code ({@code <yyyy-MM-dd>|<projectId>|<costCodeId>}): the key of the entry in
     * {@link #PROJECT_COST_STORE}, so the days past the analytics retention are one range.
     */
    public static final String PROJECT_COST_DAYS_STORE = "daily-project-costs";
    /** Name of the repartition of the postings by project (topic {@code <application id>-<name>-repartition}). */
    static final String POSTINGS_BY_PROJECT = "cost-postings-by-project";

    private UsageTopology() {
    }

    /** The Avro serdes of the topics; tests and production pass ones bound to their registry. */
    public record TopicSerdes(Serde<TelemetryReading> telemetry, Serde<ReservationChanged> reservation,
            Serde<EquipmentAssetSnapshot> equipmentAsset, Serde<CostPosting> costPosting,
            Serde<UnallocatedUsageChanged> unallocatedUsage, Serde<QuarantinedEvent> quarantine,
            Serde<AssetUtilization> assetUtilization) {
    }

    public static Topology build(AggregatorSettings settings, TopicSerdes serdes, Clock clock) {
        AggregatorSettings.Topics topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(jsonStore(READINGS_STORE, RecentReadings.class));
        builder.addStateStore(jsonStore(USAGE_STORE, WindowUsage.class));
        builder.addStateStore(jsonStore(POSTED_STORE, PostedWindow.class));
        builder.addStateStore(jsonStore(RESERVATION_STORE, ReservationBook.class));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STREAM_TIME_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(jsonStore(UTILIZATION_STORE, AssetDay.class));
        builder.addStateStore(jsonStore(DAILY_UTILIZATION_STORE, DayUtilization.class));
        builder.addStateStore(jsonStore(PROJECT_COST_STORE, ProjectDayCost.class));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROJECT_COST_DAYS_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.globalTable(topics.equipmentAssets(),
                Consumed.with(Serdes.String(), serdes.equipmentAsset()).withName("equipment-assets"),
                Materialized.<String, EquipmentAssetSnapshot, KeyValueStore<Bytes, byte[]>>as(RATES_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serdes.equipmentAsset()));

        Map<String, KStream<String, UsageOutcome>> readings = builder.stream(topics.telemetry(),
                Consumed.with(Serdes.String(), serdes.telemetry())
                        .withTimestampExtractor(new ReadingTimeExtractor())
                        .withName("telemetry-source"))
                .processValues(() -> new CounterDeltaProcessor(settings.counterRules(), topics.telemetry()),
                        Named.as("counter-deltas"), READINGS_STORE)
                .split(Named.as("reading-"))
                .branch((assetId, outcome) -> outcome instanceof Finding, Branched.as("flagged"))
                .defaultBranch(Branched.as("usage"));

        KStream<String, LedgerInput> usage = readings.get("reading-usage")
                .mapValues(outcome -> new LedgerInput.Usage(((UsageOutcome.Usage) outcome).revision()),
                        Named.as("usage-revisions"));
        KStream<String, LedgerInput> reservations = builder.stream(topics.reservations(),
                Consumed.with(Serdes.String(), serdes.reservation()).withName("reservation-source"))
                .filter((assetId, change) -> change != null, Named.as("skip-reservation-tombstones"))
                .mapValues(LedgerInput.Reservation::new, Named.as("reservation-changes"));

        Map<String, KStream<String, LedgerOutput>> ledger = usage
                .merge(reservations, Named.as("ledger-inputs"))
                .process(() -> new UsageLedgerProcessor(settings, clock), Named.as("usage-ledger"), USAGE_STORE,
                        POSTED_STORE, RESERVATION_STORE, DEADLINE_STORE, STREAM_TIME_STORE)
                .split(Named.as("ledger-"))
                .branch((key, output) -> output instanceof LedgerOutput.Posting, Branched.as("postings"))
                .branch((key, output) -> output instanceof LedgerOutput.Unallocated, Branched.as("unallocated"))
                .defaultBranch(Branched.as("flagged"));

        KStream<String, CostPosting> postings = ledger.get("ledger-postings")
                .mapValues(output -> ((LedgerOutput.Posting) output).posting(), Named.as("cost-postings"));
        postings.to(topics.costPostings(),
                Produced.with(Serdes.String(), serdes.costPosting()).withName("cost-posting-sink"));
        postings.process(() -> new UtilizationProcessor(clock, settings.analyticsRetention()),
                Named.as("asset-utilization"), UTILIZATION_STORE, DAILY_UTILIZATION_STORE)
                .to(topics.assetUtilization(), Produced.with(Serdes.String(), serdes.assetUtilization())
                        .withName("asset-utilization-sink"));
        // The postings are keyed by project already; the repartition moves each project's lines of every asset into
        // one task, so the cost store is partitioned by project and a project is answered by one instance.
        postings.filter((key, posting) -> posting.getProjectId() != null, Named.as("allocated-postings"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.costPosting()).withName(POSTINGS_BY_PROJECT))
                .process(() -> new ProjectCostProcessor(settings.analyticsRetention()), Named.as("project-costs"),
                        PROJECT_COST_STORE, PROJECT_COST_DAYS_STORE);
        ledger.get("ledger-unallocated")
                .mapValues(output -> ((LedgerOutput.Unallocated) output).event(), Named.as("unallocated-usage"))
                .to(topics.unallocatedUsage(), Produced.with(Serdes.String(), serdes.unallocatedUsage())
                        .withName("unallocated-usage-sink"));
        readings.get("reading-flagged").mapValues(outcome -> (Finding) outcome, Named.as("reading-findings"))
                .merge(ledger.get("ledger-flagged").mapValues(output -> (Finding) output, Named.as("ledger-findings")),
                        Named.as("findings"))
                .mapValues((assetId, finding) -> QuarantineEvents.of(assetId, finding, clock),
                        Named.as("describe-findings"))
                .selectKey((assetId, event) -> QuarantineEvents.DETECTED_BY, Named.as("key-by-detector"))
                .to(topics.quarantine(),
                        Produced.with(Serdes.String(), serdes.quarantine()).withName("quarantine-sink"));
        return builder.build();
    }

    /** Cached, so a key rewritten by every reading (a window's usage, the stream time) is logged once per commit. */
    private static <T> StoreBuilder<KeyValueStore<String, T>> jsonStore(String name, Class<T> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                new ObjectMapperSerde<>(type)).withCachingEnabled();
    }
}
