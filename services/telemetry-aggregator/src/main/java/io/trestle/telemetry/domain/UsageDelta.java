package io.trestle.telemetry.domain;

/**
 * Usage of one asset between two readings, or the share of it that falls into one window.
 *
 * @param from
 *            epoch millis, inclusive
 * @param to
 *            epoch millis, exclusive
 */
public record UsageDelta(long from, long to, double operatingHours, Double idleHours, Double fuelUsed,
        String fuelUnit) {

    public long durationMillis() {
        return to - from;
    }
}
