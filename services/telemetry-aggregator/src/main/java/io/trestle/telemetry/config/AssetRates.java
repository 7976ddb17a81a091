package io.trestle.telemetry.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code asset:rate} entries; a malformed entry stops the service at start instead of pricing at a default. */
public final class AssetRates {

    private AssetRates() {
    }

    public static Map<String, BigDecimal> parse(List<String> entries) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (String entry : entries) {
            int separator = entry.lastIndexOf(':');
            String asset = separator > 0 ? entry.substring(0, separator).trim() : "";
            String rate = separator > 0 ? entry.substring(separator + 1).trim() : "";
            if (asset.isEmpty() || rate.isEmpty()) {
                throw invalid(entry, "expected asset:rate");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(rate);
            } catch (NumberFormatException e) {
                throw invalid(entry, "'" + rate + "' is not a decimal number");
            }
            if (rates.put(asset, value) != null) {
                throw invalid(entry, "asset " + asset + " has more than one rate");
            }
        }
        return rates;
    }

    private static IllegalArgumentException invalid(String entry, String reason) {
        return new IllegalArgumentException(
                "Invalid trestle.telemetry-aggregator.pricing.asset-hourly-rates entry '" + entry + "': " + reason);
    }
}
