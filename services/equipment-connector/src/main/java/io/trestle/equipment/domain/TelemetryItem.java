package io.trestle.equipment.domain;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trestle.equipment.aemp.EquipmentIdentity;

/**
 * One reading in a push batch, in the vocabulary of ISO 15143-3. Every measurement is optional because feeds carry
 * different subsets; at least one must be present.
 *
 * @param machine
 *            the machine as the pushing platform names it, instead of {@code assetId}; last, so that polled readings,
 *            which never carry one, are built without it
 */
public record TelemetryItem(
        String readingId,
        @Schema(description = PushItem.ASSET_ID_DOC) String assetId,
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
        Quantity cumulativePayload,
        @Schema(description = PushItem.MACHINE_DOC) EquipmentIdentity machine) {

    /** A reading of a known asset, or of a machine resolved elsewhere, as polling assembles it. */
    public TelemetryItem(String readingId, String assetId, Instant readingTime, Double cumulativeOperatingHours,
            Double cumulativeIdleHours, Quantity cumulativeFuelUsed, Double fuelRemainingPercent,
            Double defRemainingPercent, Position location, Boolean engineRunning, Quantity odometer,
            Long cumulativeLoadCount, Quantity cumulativePayload) {
        this(readingId, assetId, readingTime, cumulativeOperatingHours, cumulativeIdleHours, cumulativeFuelUsed,
                fuelRemainingPercent, defRemainingPercent, location, engineRunning, odometer, cumulativeLoadCount,
                cumulativePayload, null);
    }

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

    /** The same reading of the given asset, its machine left out: what is published once the machine resolved. */
    public TelemetryItem ofAsset(String asset) {
        return new TelemetryItem(readingId, asset, readingTime, cumulativeOperatingHours, cumulativeIdleHours,
                cumulativeFuelUsed, fuelRemainingPercent, defRemainingPercent, location, engineRunning, odometer,
                cumulativeLoadCount, cumulativePayload);
    }
}
