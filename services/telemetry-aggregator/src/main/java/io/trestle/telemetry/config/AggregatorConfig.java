package io.trestle.telemetry.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the telemetry aggregator; checked at start by {@code AggregatorSettings}. */
@ConfigMapping(prefix = "trestle.telemetry-aggregator")
public interface AggregatorConfig {

    Topics topics();

    Window window();

    Counters counters();

    Pricing pricing();

    /**
     * API keys of the analysts' clients of the query API as comma-separated {@code client:key} entries
     * ({@code TRESTLE_TELEMETRY_AGGREGATOR_API_KEYS=bi:s3cr3t,controlling:0th3r}), parsed and checked by
     * {@link io.trestle.rest.ApiKeys}; a list, not a map by client, so client names survive environment variables. No
     * keys configured means every query is refused.
     */
    Optional<List<String>> apiKeys();

    Queries queries();

    Analytics analytics();

    /** Cost code that usage is booked on while no reservation attributes it to a project's cost code. */
    @WithDefault("UNALLOCATED")
    String unallocatedCostCode();

    interface Topics {

        @WithDefault(TopicNames.EQUIPMENT_TELEMETRY)
        String telemetry();

        /**
         * Reservations attributing usage to projects. Keyed by asset id like the telemetry, and it must have as many
         * partitions as the telemetry topic: both are read by the same task per partition.
         */
        @WithDefault(TopicNames.EQUIPMENT_RESERVATION)
        String reservations();

        /** Equipment master data with each asset's effective-dated hourly rates, read in full by every instance. */
        @WithDefault(TopicNames.MASTER_EQUIPMENT_ASSET)
        String equipmentAssets();

        @WithDefault(TopicNames.COST_POSTING)
        String costPostings();

        /** Business exceptions about usage posted on the unallocated cost code. */
        @WithDefault(TopicNames.OPERATIONS_UNALLOCATED_USAGE)
        String unallocatedUsage();

        /** Where usage that cannot be charged goes for review, with its reason. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();

        /** Each asset's utilization per UTC day, compacted, for downstream analytics. */
        @WithDefault(TopicNames.ANALYTICS_ASSET_UTILIZATION)
        String assetUtilization();
    }

    interface Window {

        /**
         * Length of one cost micro-batch (tumbling window, aligned to the epoch, so {@code P1D} windows run from
         * midnight UTC), e.g. {@code PT15M}, {@code PT1H}, {@code P1D}.
         */
        @WithDefault("PT15M")
        Duration size();

        /**
         * How long after its end a window waits for usage before its postings are emitted. Stream time is the latest
         * reading time seen on the partition, shared by its assets, so this should cover the usual interval between two
         * readings of one machine plus delivery delays; usage arriving later becomes a correction. A longer grace
         * delays every posting by as much.
         */
        @WithDefault("PT30M")
        Duration grace();

        /**
         * How long after a window closed late data (or a late reservation) still corrects its postings. The window's
         * usage and postings are kept that long; usage arriving later is quarantined.
         */
        @WithDefault("P7D")
        Duration correctionRetention();
    }

    interface Counters {

        /** Longest gap between two readings whose usage is still spread over the windows in between. */
        @WithDefault("PT6H")
        Duration maxReadingGap();

        /**
         * How much an hour meter may rise beyond the elapsed time through rounding (1.0 for meters reporting whole
         * hours); a larger rise is treated as a meter replacement or a bad value and is not charged.
         */
        @WithDefault("1.0")
        double meterResolutionHours();

        /**
         * How far behind an asset's newest reading a reading arriving out of order is still put in its place; an older
         * one changes nothing (its usage is already charged between the readings around it).
         */
        @WithDefault("PT30M")
        Duration reorderHorizon();
    }

    interface Queries {

        /**
         * Host name or address under which the other instances reach this one's HTTP port; with
         * {@code quarkus.http.port} it is Kafka Streams' {@code application.server}, which the instances exchange to
         * route a query to the one holding the key. In Kubernetes, the pod IP ({@code status.podIP}).
         */
        @WithDefault("localhost")
        String advertisedHost();

        /** Longest date range one query may span, in days (inclusive of both ends). */
        @WithDefault("366")
        int maxRangeDays();

        /** How long a query forwarded to the instance that holds the key may take before it is answered with 503. */
        @WithDefault("PT10S")
        Duration forwardTimeout();
    }

    interface Analytics {

        /**
         * How long the analysts' stores keep a UTC day (utilization per asset, cost per project), counted from the
         * latest posted window: a day is purged once a window ending {@code retention} after the day's end is posted.
         * The default of 400 days answers a year-over-year comparison of a whole month; it must exceed the window size,
         * grace and correction retention by a day, so no correction reaches a purged day.
         */
        @WithDefault("P400D")
        Duration retention();
    }

    interface Pricing {

        /** ISO 4217 currency of every posting; Odoo rates in another currency are not converted. */
        @WithDefault("EUR")
        String currency();

        /** Hourly rate of assets for which neither Odoo nor {@link #assetHourlyRates()} gives one. */
        BigDecimal defaultHourlyRate();

        /**
         * Rates of single assets as {@code asset:rate} entries, comma-separated (e.g.
         * {@code EX-1001:95.00,WL-2001:72}), used where Odoo's rate history has none. A list rather than a map so asset
         * ids with dashes survive environment variables.
         */
        Optional<List<String>> assetHourlyRates();

        /** Idle hours cost this share of the effective hourly rate, e.g. 0.5; 1 prices them like any operating hour. */
        @WithDefault("1")
        BigDecimal idleRateFactor();

        /**
         * When set, the idle hours of attributed usage are booked on this cost code, on a line of their own for the
         * same project, instead of the reservation's cost code.
         */
        Optional<String> idleCostCode();
    }
}
