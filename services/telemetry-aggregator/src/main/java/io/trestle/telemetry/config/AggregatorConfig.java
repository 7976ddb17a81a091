package io.trestle.telemetry.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the telemetry aggregator; checked at start by {@code UsageTopology.Settings}. */
@ConfigMapping(prefix = "trestle.telemetry-aggregator")
public interface AggregatorConfig {

    Topics topics();

    Window window();

    Counters counters();

    Pricing pricing();

    /** Cost code that usage is booked on while no reservation attributes it to a project. */
    @WithDefault("UNALLOCATED")
    String unallocatedCostCode();

    interface Topics {

        @WithDefault(TopicNames.EQUIPMENT_TELEMETRY)
        String telemetry();

        @WithDefault(TopicNames.COST_POSTING)
        String costPostings();

        /** Where usage that cannot be charged goes for review, with its reason. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();
    }

    interface Window {

        /** Length of one cost micro-batch (tumbling window). */
        @WithDefault("PT15M")
        Duration size();

        /**
         * How long after its end a window still accepts usage before it closes and its posting is emitted. Stream time
         * is shared by the assets of a partition, so this must cover the longest interval between two readings of one
         * machine plus delivery delays; usage arriving later is quarantined, not charged. A longer grace delays every
         * posting by as much.
         */
        @WithDefault("PT30M")
        Duration grace();
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
    }

    interface Pricing {

        /** ISO 4217 currency of every rate. */
        @WithDefault("EUR")
        String currency();

        /** Hourly rate of assets that have no rate of their own. */
        BigDecimal defaultHourlyRate();

        /**
         * Rates of single assets as {@code asset:rate} entries, comma-separated (e.g.
         * {@code EX-1001:95.00,WL-2001:72}). A list rather than a map so asset ids with dashes survive environment
         * variables.
         */
        Optional<List<String>> assetHourlyRates();
    }
}
