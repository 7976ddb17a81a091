package io.trestle.telemetry.domain;

/**
 * The cumulative counters of one reading of one asset, with idle hours and fuel carried over from the reading before
 * when this one did not report them, so the next reading always has a baseline to compare with.
 *
 * @param readingTime
 *            epoch millis of the reading
 * @param fuelUnit
 *            unit of {@code fuelUsed}; a change of unit restarts the fuel baseline
 */
public record CounterReading(long readingTime, double operatingHours, Double idleHours, Double fuelUsed,
        String fuelUnit) {
}
