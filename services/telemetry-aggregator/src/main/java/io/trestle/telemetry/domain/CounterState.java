package io.trestle.telemetry.domain;

/**
 * The last cumulative counters seen for one asset, against which the next reading's usage is measured.
 *
 * @param readingTime
 *            epoch millis of the reading these counters belong to
 * @param fuelUnit
 *            unit of {@code fuelUsed}; a change of unit restarts the fuel baseline
 */
public record CounterState(long readingTime, double operatingHours, Double idleHours, Double fuelUsed,
        String fuelUnit) {
}
