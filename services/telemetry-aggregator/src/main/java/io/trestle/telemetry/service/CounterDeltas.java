package io.trestle.telemetry.service;

import java.util.Optional;

import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;

/**
 * Turns cumulative counters into usage between consecutive readings of one asset.
 *
 * <p>
 * Rules of this first version: a reading at or before the last one (a repeat or an out-of-order reading) yields nothing
 * and leaves the baseline alone; a counter that runs backwards (meter replaced or reset) yields no usage for that
 * counter and restarts its baseline, so a reset never turns into negative cost. A newer reading always yields a delta,
 * zero when the machine stood still: it still proves that time passed, and passing time is what closes windows.
 */
public final class CounterDeltas {

    private CounterDeltas() {
    }

    /** The outcome of one reading: the new baseline to keep, and the usage since the previous one, if any. */
    public record Step(CounterState state, Optional<UsageDelta> delta, boolean resetDetected) {
    }

    public static Step next(CounterState previous, long readingTime, double operatingHours, Double idleHours,
            Double fuelUsed, String fuelUnit) {
        CounterState current = new CounterState(readingTime, operatingHours, idleHours, fuelUsed, fuelUnit);
        if (previous == null) {
            return new Step(current, Optional.empty(), false);
        }
        if (readingTime <= previous.readingTime()) {
            return new Step(previous, Optional.empty(), false);
        }
        Double operating = increase(previous.operatingHours(), operatingHours);
        Double idle = increase(previous.idleHours(), idleHours);
        Double fuel = fuelUnit != null && fuelUnit.equals(previous.fuelUnit())
                ? increase(previous.fuelUsed(), fuelUsed)
                : null;
        boolean reset = operating == null || isReset(previous.idleHours(), idleHours)
                || isReset(previous.fuelUsed(), fuelUsed);
        CounterState kept = new CounterState(readingTime, operatingHours,
                idleHours != null ? idleHours : previous.idleHours(), fuelUsed != null ? fuelUsed : previous.fuelUsed(),
                fuelUsed != null ? fuelUnit : previous.fuelUnit());
        UsageDelta delta = new UsageDelta(previous.readingTime(), readingTime, operating == null ? 0 : operating, idle,
                fuel, fuel == null ? null : fuelUnit);
        return new Step(kept, Optional.of(delta), reset);
    }

    /** The increase of a counter, or null when it is unknown on either side or ran backwards. */
    private static Double increase(Double before, Double after) {
        if (before == null || after == null || after < before) {
            return null;
        }
        return after - before;
    }

    private static boolean isReset(Double before, Double after) {
        return before != null && after != null && after < before;
    }
}
