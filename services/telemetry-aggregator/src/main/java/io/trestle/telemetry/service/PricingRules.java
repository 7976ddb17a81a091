package io.trestle.telemetry.service;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * How usage becomes money.
 *
 * @param currency
 *            ISO 4217 currency of every posting; rates in another currency are never converted
 * @param defaultHourlyRate
 *            rate of an asset Odoo gives no rate for at the usage time and that has no configured rate
 * @param assetHourlyRates
 *            configured rates by asset, used where Odoo gives none
 * @param idleRateFactor
 *            idle hours cost this share of the effective rate (1 = like any operating hour)
 * @param idleCostCode
 *            when present, the idle hours of attributed usage are booked on this cost code, on a line of their own
 * @param unallocatedCostCode
 *            cost code of usage no reservation attributes to a project's cost code
 */
public record PricingRules(String currency, BigDecimal defaultHourlyRate, Map<String, BigDecimal> assetHourlyRates,
        BigDecimal idleRateFactor, Optional<String> idleCostCode, String unallocatedCostCode) {

    public PricingRules {
        assetHourlyRates = Map.copyOf(assetHourlyRates);
    }

    public BigDecimal fallbackRate(String assetId) {
        return assetHourlyRates.getOrDefault(assetId, defaultHourlyRate);
    }
}
