package io.trestle.telemetry.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.trestle.schema.operations.UnallocatedReason;
import io.trestle.telemetry.domain.BookedReservation;
import io.trestle.telemetry.domain.LineKey;
import io.trestle.telemetry.domain.LineValues;
import io.trestle.telemetry.domain.PricedLine;
import io.trestle.telemetry.domain.ReservationBook;
import io.trestle.telemetry.domain.UsageDelta;

/**
 * Attributes and prices one asset's usage in one window: each slice is cut wherever the attributing reservation or the
 * rate changes, and each part goes to the line of its reservation's project and cost code at the rate in force at its
 * time. A line's amount is the sum over its parts, rounded once.
 *
 * <p>
 * Idle hours are part of the operating hours (ISO 15143-3 counts idling as engine hours). They cost the idle-rate
 * factor times the effective rate; with an idle cost code configured, the idle hours of attributed usage move to a line
 * of their own on that cost code, for the same project, and the other line keeps the rest (fuel stays with it).
 * Unallocated usage is not split: it waits on the unallocated cost code until someone books it.
 */
public final class WindowPricing {

    private static final int AMOUNT_SCALE = 2;
    private static final int RATE_SCALE = 4;
    private static final int QUANTITY_SCALE = 6;

    private WindowPricing() {
    }

    /** The lines of the window, and the usage that could not be priced. */
    public record Result(List<PricedLine> lines, List<UsageDelta> unpriced) {
    }

    public static Result price(List<UsageDelta> slices, ReservationBook reservations, RateCard rates,
            PricingRules rules) {
        Map<LineKey, LineSum> lines = new TreeMap<>(Comparator.comparing(LineKey::projectId,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(LineKey::costCodeId));
        List<UsageDelta> unpriced = new ArrayList<>();
        for (UsageDelta slice : slices) {
            TreeSet<Long> cuts = reservations.boundaries(slice.from(), slice.to());
            cuts.addAll(rates.changes(slice.from(), slice.to()));
            cuts.add(slice.to());
            long start = slice.from();
            for (long end : cuts) {
                UsageDelta part = slice.slice(start, end);
                Optional<BigDecimal> rate = rates.at(start);
                if (rate.isPresent()) {
                    attribute(part, reservations.attributing(start), rate.get(), rules, lines);
                } else {
                    unpriced.add(part);
                }
                start = end;
            }
        }
        List<PricedLine> priced = lines.entrySet().stream()
                .map(entry -> entry.getValue().toLine(entry.getKey(), rules.currency()))
                .filter(line -> line.values().hasUsage())
                .toList();
        return new Result(priced, unpriced);
    }

    private static void attribute(UsageDelta part, Optional<BookedReservation> reservation, BigDecimal rate,
            PricingRules rules, Map<LineKey, LineSum> lines) {
        double idle = part.idleHours() == null ? 0 : Math.min(Math.max(part.idleHours(), 0), part.operatingHours());
        BigDecimal idleRate = rate.multiply(rules.idleRateFactor());
        BigDecimal busyAmount = hours(part.operatingHours() - idle).multiply(rate);
        BigDecimal idleAmount = hours(idle).multiply(idleRate);
        if (reservation.isEmpty()) {
            lines.computeIfAbsent(new LineKey(null, rules.unallocatedCostCode()),
                    key -> new LineSum(UnallocatedReason.NO_RESERVATION.name()))
                    .add(null, part.operatingHours(), part.idleHours(), part, busyAmount.add(idleAmount), rate);
            return;
        }
        BookedReservation booked = reservation.get();
        if (booked.costCodeId() == null) {
            lines.computeIfAbsent(new LineKey(booked.projectId(), rules.unallocatedCostCode()),
                    key -> new LineSum(UnallocatedReason.NO_COST_CODE.name()))
                    .add(booked.taskId(), part.operatingHours(), part.idleHours(), part, busyAmount.add(idleAmount),
                            rate);
            return;
        }
        LineSum line = lines.computeIfAbsent(new LineKey(booked.projectId(), booked.costCodeId()),
                key -> new LineSum(null));
        if (rules.idleCostCode().isEmpty() || part.idleHours() == null) {
            line.add(booked.taskId(), part.operatingHours(), part.idleHours(), part, busyAmount.add(idleAmount), rate);
            return;
        }
        line.add(booked.taskId(), part.operatingHours() - idle, 0.0, part, busyAmount, rate);
        lines.computeIfAbsent(new LineKey(booked.projectId(), rules.idleCostCode().get()), key -> new LineSum(null))
                .add(booked.taskId(), idle, idle, null, idleAmount, idleRate);
    }

    private static BigDecimal hours(double hours) {
        return BigDecimal.valueOf(hours);
    }

    /**
     * Quantities are sums of time-proportional shares of double counters; six decimals (3.6 ms of an hour, a
     * millilitre) keep the value and drop the binary noise ({@code 4.80000000000291}) analysts would otherwise see.
     */
    static double quantity(double value) {
        return BigDecimal.valueOf(value).setScale(QUANTITY_SCALE, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** A line being summed up over the parts of a window. */
    private static final class LineSum {

        private final String unallocatedReason;
        private final Set<String> taskIds = new LinkedHashSet<>();
        private double operatingHours;
        private Double idleHours;
        private Double fuelUsed;
        private String fuelUnit;
        private BigDecimal amount = BigDecimal.ZERO;
        private BigDecimal firstRate;

        LineSum(String unallocatedReason) {
            this.unallocatedReason = unallocatedReason;
        }

        /**
         * @param fuel
         *            the part whose fuel the line carries, null for a line that carries none
         */
        void add(String taskId, double hours, Double idle, UsageDelta fuel, BigDecimal partAmount, BigDecimal rate) {
            taskIds.add(taskId);
            operatingHours += hours;
            if (idle != null) {
                idleHours = (idleHours == null ? 0 : idleHours) + idle;
            }
            // A fuel unit change restarts the counter (CounterDeltas); litres and gallons are never added up.
            if (fuel != null && fuel.fuelUsed() != null && (fuelUnit == null || fuelUnit.equals(fuel.fuelUnit()))) {
                fuelUsed = (fuelUsed == null ? 0 : fuelUsed) + fuel.fuelUsed();
                fuelUnit = fuel.fuelUnit();
            }
            amount = amount.add(partAmount);
            if (firstRate == null) {
                firstRate = rate;
            }
        }

        PricedLine toLine(LineKey key, String currency) {
            double hours = quantity(operatingHours);
            // The average rate of the line, so that hours × rate reads like the amount to whoever checks it.
            BigDecimal hourlyRate = hours > 0
                    ? amount.divide(BigDecimal.valueOf(operatingHours), RATE_SCALE, RoundingMode.HALF_EVEN)
                    : firstRate.setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
            // A task only when every part of the line shares it; the posting's identity has no task.
            String taskId = taskIds.size() == 1 ? taskIds.iterator().next() : null;
            return new PricedLine(key, unallocatedReason, new LineValues(taskId, hours,
                    idleHours == null ? null : quantity(idleHours), fuelUsed == null ? null : quantity(fuelUsed),
                    fuelUsed == null ? null : fuelUnit, amount.setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN),
                    hourlyRate, currency));
        }
    }
}
