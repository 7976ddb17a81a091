package io.trestle.telemetry.service;

import java.time.Duration;
import java.util.Optional;

import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;

/**
 * Turns cumulative counters into usage between consecutive readings of one asset.
 *
 * <p>
 * A reading at or before the last one (a repeat or an out-of-order reading) yields nothing and leaves the baseline
 * alone. A newer reading yields a delta, zero when the machine stood still: it still proves that time passed, and
 * passing time is what closes windows. Three situations are anomalies for a person to review, never charged: a counter
 * that ran backwards (meter replaced or reset), a counter that rose more than the elapsed time allows (meter replaced
 * by one with more hours, or a bad value), and a gap between readings too long to say when the usage happened. In each
 * case the baseline restarts at the new reading, so the next usage is charged normally.
 */
public final class CounterDeltas {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private CounterDeltas() {
    }

    /**
     * @param maxGap
     *            longest time between two readings whose usage is still attributed to the windows in between
     * @param meterResolutionHours
     *            how much an hour meter may exceed the elapsed time through its rounding, e.g. 1.0 for meters that
     *            report whole hours
     */
    public record Rules(Duration maxGap, double meterResolutionHours) {
    }

    /** Why a reading's usage was not charged; the code is a quarantine reason code of the schemas catalogue. */
    public record Anomaly(String reasonCode, String message) {
    }

    /** The outcome of one reading: the baseline to keep, the usage since the previous reading, and any anomaly. */
    public record Step(CounterState state, Optional<UsageDelta> delta, Optional<Anomaly> anomaly) {
    }

    public static Step next(Rules rules, CounterState previous, long readingTime, double operatingHours,
            Double idleHours, Double fuelUsed, String fuelUnit) {
        CounterState current = new CounterState(readingTime, operatingHours, idleHours, fuelUsed, fuelUnit);
        if (previous == null) {
            return new Step(current, Optional.empty(), Optional.empty());
        }
        if (readingTime <= previous.readingTime()) {
            return new Step(previous, Optional.empty(), Optional.empty());
        }
        CounterState kept = new CounterState(readingTime, operatingHours,
                idleHours != null ? idleHours : previous.idleHours(), fuelUsed != null ? fuelUsed : previous.fuelUsed(),
                fuelUsed != null ? fuelUnit : previous.fuelUnit());
        long elapsedMillis = readingTime - previous.readingTime();
        if (elapsedMillis > rules.maxGap().toMillis()) {
            return new Step(kept, Optional.empty(), Optional.of(new Anomaly("READING_GAP_TOO_LONG",
                    "%s between readings exceeds the maximum gap of %s; the %.3f operating hours in between are not charged because their windows are unknown"
                            .formatted(Duration.ofMillis(elapsedMillis), rules.maxGap(),
                                    operatingHours - previous.operatingHours()))));
        }
        double elapsedHours = elapsedMillis / MILLIS_PER_HOUR;
        Optional<Anomaly> anomaly = counterAnomaly("cumulativeOperatingHours", previous.operatingHours(),
                operatingHours, elapsedHours, rules)
                .or(() -> counterAnomaly("cumulativeIdleHours", previous.idleHours(), idleHours, elapsedHours, rules));
        if (anomaly.isPresent()) {
            UsageDelta nothing = new UsageDelta(previous.readingTime(), readingTime, 0, null, null, null);
            return new Step(kept, Optional.of(nothing), anomaly);
        }
        Double fuel = fuelUnit != null && fuelUnit.equals(previous.fuelUnit()) && fuelUsed != null
                && previous.fuelUsed() != null && fuelUsed >= previous.fuelUsed()
                        ? fuelUsed - previous.fuelUsed()
                        : null;
        UsageDelta delta = new UsageDelta(previous.readingTime(), readingTime,
                operatingHours - previous.operatingHours(),
                idleHours != null && previous.idleHours() != null ? idleHours - previous.idleHours() : null, fuel,
                fuel == null ? null : fuelUnit);
        return new Step(kept, Optional.of(delta), Optional.empty());
    }

    private static Optional<Anomaly> counterAnomaly(String counter, Double before, Double after, double elapsedHours,
            Rules rules) {
        if (before == null || after == null) {
            return Optional.empty();
        }
        if (after < before) {
            return Optional.of(new Anomaly("COUNTER_WENT_BACKWARDS",
                    "%s went from %s to %s; baseline restarted, nothing charged".formatted(counter, before, after)));
        }
        if (after - before > elapsedHours + rules.meterResolutionHours()) {
            return Optional.of(new Anomaly("VALUE_OUT_OF_RANGE",
                    "%s rose by %.3f h in %.3f h of elapsed time; baseline restarted, nothing charged".formatted(
                            counter,
                            after - before, elapsedHours)));
        }
        return Optional.empty();
    }
}
