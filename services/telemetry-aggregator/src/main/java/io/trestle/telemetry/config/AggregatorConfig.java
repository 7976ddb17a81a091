package io.trestle.telemetry.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the telemetry aggregator. */
@ConfigMapping(prefix = "trestle.telemetry-aggregator")
public interface AggregatorConfig {

    Topics topics();

    Window window();

    Pricing pricing();

    /** Cost code that usage is booked on while no reservation attributes it to a project. */
    @WithDefault("UNALLOCATED")
    String unallocatedCostCode();

    interface Topics {

        @WithDefault(TopicNames.EQUIPMENT_TELEMETRY)
        String telemetry();

        @WithDefault(TopicNames.COST_POSTING)
        String costPostings();
    }

    interface Window {

        /** Length of one cost micro-batch (tumbling window). */
        @WithDefault("PT15M")
        Duration size();

        /**
         * How long after its end a window still accepts late usage before it closes and its posting is emitted. A
         * longer grace delays every posting by as much.
         */
        @WithDefault("PT2M")
        Duration grace();
    }

    interface Pricing {

        /** ISO 4217 currency of every rate. */
        @WithDefault("EUR")
        String currency();

        /** Hourly rate of assets that have no rate of their own. */
        BigDecimal defaultHourlyRate();

        /**
         * Hourly rate per asset id ({@code trestle.telemetry-aggregator.pricing.asset-hourly-rates.<asset>=<rate>}).
         */
        Map<String, BigDecimal> assetHourlyRates();
    }
}
