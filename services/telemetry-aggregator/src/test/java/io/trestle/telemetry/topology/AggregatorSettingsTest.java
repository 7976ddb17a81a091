package io.trestle.telemetry.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.telemetry.config.AggregatorConfig;

class AggregatorSettingsTest {

    @Test
    void onlyTheDefaultRateIsRequiredAndEverythingElseHasDocumentedDefaults() {
        AggregatorSettings settings = AggregatorSettings.from(config(Map.of(
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65")));

        assertThat(settings.windows()).isEqualTo(new AggregatorSettings.Windows(Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofDays(7)));
        assertThat(settings.counterRules().reorderHorizon()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.analyticsRetention()).isEqualTo(Duration.ofDays(400));
        assertThat(settings.pricing().idleRateFactor()).isEqualByComparingTo("1");
        assertThat(settings.pricing().idleCostCode()).isEmpty();
        assertThat(settings.pricing().unallocatedCostCode()).isEqualTo("UNALLOCATED");
        assertThat(settings.topics()).isEqualTo(new AggregatorSettings.Topics(
                TrestleTopic.EQUIPMENT_TELEMETRY.topicName(), TrestleTopic.EQUIPMENT_RESERVATION.topicName(),
                TrestleTopic.MASTER_EQUIPMENT_ASSET.topicName(), TrestleTopic.COST_POSTING.topicName(),
                TrestleTopic.OPERATIONS_UNALLOCATED_USAGE.topicName(),
                TrestleTopic.INTEGRATION_QUARANTINE.topicName(), TrestleTopic.ANALYTICS_ASSET_UTILIZATION.topicName()));
    }

    @Test
    void dailyWindowsIdleRulesAndRetentionComeFromEnvironmentVariables() {
        AggregatorSettings settings = AggregatorSettings.from(config(Map.of(
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_SIZE", "P1D",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_CORRECTION_RETENTION", "P30D",
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_IDLE_RATE_FACTOR", "0.4",
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_IDLE_COST_CODE", "5100",
                "TRESTLE_TELEMETRY_AGGREGATOR_ANALYTICS_RETENTION", "P800D")));

        assertThat(settings.windows().size()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.analyticsRetention()).isEqualTo(Duration.ofDays(800));
        assertThat(settings.windows().correctionRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.pricing().idleRateFactor()).isEqualByComparingTo("0.4");
        assertThat(settings.pricing().idleCostCode()).contains("5100");
    }

    @Test
    void dailyWindowsWorkWithTheDefaultGapRule() {
        AggregatorSettings settings = AggregatorSettings.from(config(Map.of(
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_SIZE", "P1D")));

        assertThat(settings.counterRules().maxGap()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void anAnalyticsRetentionThatCorrectionsCouldOutliveStopsTheServiceAtStart() {
        // 1 day windows + 30 min grace + 30 days of corrections: a correction can still arrive 31 days on.
        assertThatThrownBy(() -> AggregatorSettings.from(config(Map.of(
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_SIZE", "P1D",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_CORRECTION_RETENTION", "P30D",
                "TRESTLE_TELEMETRY_AGGREGATOR_ANALYTICS_RETENTION", "P31D"))))
                .hasMessageContaining("analytics retention PT744H must be at least a day longer");
        assertThat(AggregatorSettings.from(config(Map.of(
                "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_SIZE", "P1D",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_GRACE", "PT0S",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_CORRECTION_RETENTION", "P30D",
                "TRESTLE_TELEMETRY_AGGREGATOR_ANALYTICS_RETENTION", "P32D"))).analyticsRetention())
                .isEqualTo(Duration.ofDays(32));
    }

    @Test
    void aMalformedDurationStopsTheServiceAtStart() {
        assertThatThrownBy(() -> config(Map.of("TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65",
                "TRESTLE_TELEMETRY_AGGREGATOR_WINDOW_CORRECTION_RETENTION", "7 days")))
                .hasMessageContaining("correction-retention");
    }

    private static AggregatorConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(AggregatorConfig.class)
                .build()
                .getConfigMapping(AggregatorConfig.class);
    }
}
