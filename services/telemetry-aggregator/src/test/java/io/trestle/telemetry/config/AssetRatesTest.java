package io.trestle.telemetry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class AssetRatesTest {

    @Test
    void parsesAssetIdsWithDashesAndColonsSplittingAtTheLastColon() {
        assertThat(AssetRates.parse(List.of("EX-1001:95.00", "site:A:crane-7:240")))
                .containsExactly(entry("EX-1001", new BigDecimal("95.00")),
                        entry("site:A:crane-7", new BigDecimal("240")));
    }

    @Test
    void refusesMalformedEntriesNamingThem() {
        assertThatThrownBy(() -> AssetRates.parse(List.of("EX-1001=95"))).hasMessageContaining("'EX-1001=95'");
        assertThatThrownBy(() -> AssetRates.parse(List.of("EX-1001:cheap"))).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> AssetRates.parse(List.of("A:1", "A:2"))).hasMessageContaining("more than one rate");
    }

    @Test
    void ratesSetThroughAnEnvironmentVariableKeepTheirAssetIds() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_ASSET_HOURLY_RATES", "EX-1001:95.00,WL-2001:72",
                        "TRESTLE_TELEMETRY_AGGREGATOR_PRICING_DEFAULT_HOURLY_RATE", "65"), 300))
                .withMapping(AggregatorConfig.class)
                .build();

        AggregatorConfig mapped = config.getConfigMapping(AggregatorConfig.class);

        assertThat(AssetRates.parse(mapped.pricing().assetHourlyRates().orElseThrow()))
                .containsOnlyKeys("EX-1001", "WL-2001");
        assertThat(mapped.pricing().defaultHourlyRate()).isEqualByComparingTo("65");
    }
}
