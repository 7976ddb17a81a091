package io.trestle.telemetry.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.HourlyRate;

/**
 * The hourly rates of one asset over time: Odoo's effective-dated rates where they cover the time, the configured rate
 * of the asset (or the default) where they do not. A rate Odoo holds in another currency than the postings' is not
 * used: converting it would need an exchange rate Trestle does not have, and replacing it with the configured rate
 * would post a price Odoo contradicts, so that usage stays unpriced and is flagged instead.
 */
public final class RateCard {

    private record Period(long from, Long to, BigDecimal rate, String currency) {

        boolean covers(long time) {
            return from <= time && (to == null || time < to);
        }
    }

    private final List<Period> periods;
    private final BigDecimal fallback;
    private final String currency;

    private RateCard(List<Period> periods, BigDecimal fallback, String currency) {
        this.periods = periods;
        this.fallback = fallback;
        this.currency = currency;
    }

    /**
     * @param snapshot
     *            the asset's master data, null when Odoo has not published it
     */
    public static RateCard of(EquipmentAssetSnapshot snapshot, String assetId, PricingRules rules) {
        // Copied: the decoded Avro array's equals and iteration are not safe with logical types (schemas README).
        List<HourlyRate> rates = snapshot == null ? List.of() : List.copyOf(snapshot.getHourlyRates());
        return new RateCard(rates.stream()
                .map(rate -> new Period(rate.getValidFrom().toEpochMilli(),
                        rate.getValidTo() == null ? null : rate.getValidTo().toEpochMilli(), rate.getRate(),
                        rate.getCurrency()))
                .toList(), rules.fallbackRate(assetId), rules.currency());
    }

    /** The rate at {@code time}, empty when Odoo's rate for that time is in another currency. */
    public Optional<BigDecimal> at(long time) {
        Optional<Period> period = periods.stream().filter(p -> p.covers(time)).findFirst();
        if (period.isEmpty()) {
            return Optional.of(fallback);
        }
        return period.get().currency().equals(currency) ? Optional.of(period.get().rate()) : Optional.empty();
    }

    /** Why {@link #at} is empty at {@code time}. */
    public String whyUnpriced(long time) {
        return periods.stream().filter(p -> p.covers(time)).findFirst()
                .map(p -> "Odoo's hourly rate from %s is %s %s, but postings are in %s and currencies are not converted"
                        .formatted(Instant.ofEpochMilli(p.from()), p.rate().toPlainString(), p.currency(), currency))
                .orElse("no rate");
    }

    /** The times strictly between {@code from} and {@code to} at which the rate changes. */
    public TreeSet<Long> changes(long from, long to) {
        TreeSet<Long> times = new TreeSet<>();
        periods.forEach(p -> {
            times.add(p.from());
            if (p.to() != null) {
                times.add(p.to());
            }
        });
        return new TreeSet<>(times.subSet(from, false, to, false));
    }
}
