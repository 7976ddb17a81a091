package io.trestle.equipment.domain;

import java.time.Instant;

/**
 * One reading in a push batch, in the vocabulary of ISO 15143-3. Every measurement is optional because feeds carry
 * different subsets; at least one must be present.
 */
public record TelemetryItem(
        String readingId,
        String assetId,
        Instant readingTime,
        Double cumulativeOperatingHours,
        Double cumulativeIdleHours,
        Quantity cumulativeFuelUsed,
        Double fuelRemainingPercent,
        Double defRemainingPercent,
        Position location,
        Boolean engineRunning,
        Quantity odometer,
        Long cumulativeLoadCount,
        Quantity cumulativePayload) {

    /** A value with its unit, e.g. {@code {"value": 40210.0, "unit": "L"}}. */
    public record Quantity(Double value, String unit) {
    }

    /** A WGS84 position. */
    public record Position(Double latitude, Double longitude, Double altitudeMeters) {
    }

    public boolean hasMeasurement() {
        return cumulativeOperatingHours != null || cumulativeIdleHours != null || cumulativeFuelUsed != null
                || fuelRemainingPercent != null || defRemainingPercent != null || location != null
                || engineRunning != null || odometer != null || cumulativeLoadCount != null
                || cumulativePayload != null;
    }
}
