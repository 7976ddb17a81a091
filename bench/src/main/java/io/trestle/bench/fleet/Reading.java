package io.trestle.bench.fleet;

import java.time.Instant;

/**
 * One telemetry reading of a machine as its telematics unit reports it: cumulative counters (hour meter, idle hours,
 * fuel used) and the momentary state.
 *
 * @param sequence
 *            position in the machine's series, from 0
 */
public record Reading(String readingId, String assetId, int assetIndex, int sequence, Instant readingTime,
        double operatingHours, double idleHours, double fuelUsedLitres, double fuelRemainingPercent,
        boolean engineRunning, double latitude, double longitude) {
}
