package io.trestle.telemetry.topology;

import java.time.Duration;
import java.util.Currency;
import java.util.List;

import io.trestle.telemetry.config.AggregatorConfig;
import io.trestle.telemetry.config.AssetRates;
import io.trestle.telemetry.service.CounterDeltas;
import io.trestle.telemetry.service.PricingRules;

/**
 * What the topology needs to know, separate from how it is configured so tests can state it plainly. Checked when
 * built: a wrong rate or window must stop the service at start, not produce wrong money.
 *
 * @param analyticsRetention
 *            how long the analysts' stores keep a day after its end, in posted time (see {@link AnalyticsRetention})
 */
public record AggregatorSettings(Topics topics, Windows windows, CounterDeltas.Rules counterRules,
        PricingRules pricing, Duration analyticsRetention) {

    public record Topics(String telemetry, String reservations, String equipmentAssets, String costPostings,
            String unallocatedUsage, String quarantine, String assetUtilization) {
    }

    /**
     * @param size
     *            length of a tumbling window
     * @param grace
     *            stream time a window waits after its end, and a reopened window after the change, before posting
     * @param correctionRetention
     *            how long after its close a window can still be corrected
     */
    public record Windows(Duration size, Duration grace, Duration correctionRetention) {

        long sizeMillis() {
            return size.toMillis();
        }

        long graceMillis() {
            return grace.toMillis();
        }

        /** Stream time from which usage of the window starting at {@code windowStart} can no longer be corrected. */
        long expiresAt(long windowStart) {
            return windowStart + sizeMillis() + graceMillis() + correctionRetention.toMillis();
        }

        /** How long after its start a window can still be posted: its size, grace and correction retention. */
        Duration correctionHorizon() {
            return size.plus(grace).plus(correctionRetention);
        }

        /** Start of the oldest window still open to corrections at {@code streamTime}, give or take a window. */
        long oldestCorrectableStart(long streamTime) {
            return streamTime - expiresAt(0);
        }
    }

    public AggregatorSettings {
        require(!windows.size().isNegative() && !windows.size().isZero(),
                "window size must be positive, was " + windows.size());
        require(!windows.grace().isNegative(), "window grace must not be negative, was " + windows.grace());
        require(!windows.correctionRetention().isNegative(),
                "correction retention must not be negative, was " + windows.correctionRetention());
        require(!counterRules.maxGap().isNegative() && !counterRules.maxGap().isZero(),
                "max reading gap must be positive, was " + counterRules.maxGap());
        require(counterRules.meterResolutionHours() >= 0, "meter resolution must not be negative");
        require(!counterRules.reorderHorizon().isNegative(), "reorder horizon must not be negative");
        try {
            Currency.getInstance(pricing.currency());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + pricing.currency() + "' is not an ISO 4217 code", e);
        }
        require(pricing.defaultHourlyRate().signum() > 0,
                "default hourly rate must be positive, was " + pricing.defaultHourlyRate());
        pricing.assetHourlyRates().forEach((asset, rate) -> require(rate.signum() > 0,
                "hourly rate of asset " + asset + " must be positive, was " + rate));
        require(pricing.idleRateFactor().signum() >= 0,
                "idle rate factor must not be negative, was " + pricing.idleRateFactor());
        require(!pricing.unallocatedCostCode().isBlank(), "unallocated cost code must not be blank");
        pricing.idleCostCode().ifPresent(code -> require(!code.isBlank() && !code.equals(pricing.unallocatedCostCode()),
                "idle cost code must be neither blank nor the unallocated cost code"));
        // A correction posted for a purged day would bring back part of it: a day with some of its lines.
        require(analyticsRetention.compareTo(windows.correctionHorizon().plus(Duration.ofDays(1))) >= 0,
                "analytics retention " + analyticsRetention + " must be at least a day longer than window size + grace"
                        + " + correction retention (" + windows.correctionHorizon() + ")");
    }

    public static AggregatorSettings from(AggregatorConfig config) {
        AggregatorConfig.Topics topics = config.topics();
        AggregatorConfig.Pricing pricing = config.pricing();
        return new AggregatorSettings(
                new Topics(topics.telemetry(), topics.reservations(), topics.equipmentAssets(), topics.costPostings(),
                        topics.unallocatedUsage(), topics.quarantine(), topics.assetUtilization()),
                new Windows(config.window().size(), config.window().grace(), config.window().correctionRetention()),
                new CounterDeltas.Rules(config.counters().maxReadingGap(), config.counters().meterResolutionHours(),
                        config.counters().reorderHorizon()),
                new PricingRules(pricing.currency(), pricing.defaultHourlyRate(),
                        AssetRates.parse(pricing.assetHourlyRates().orElse(List.of())), pricing.idleRateFactor(),
                        pricing.idleCostCode(), config.unallocatedCostCode()),
                config.analytics().retention());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid telemetry-aggregator configuration: " + message);
        }
    }
}
