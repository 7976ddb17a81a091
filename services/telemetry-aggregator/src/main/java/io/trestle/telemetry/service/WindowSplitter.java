package io.trestle.telemetry.service;

import java.util.ArrayList;
import java.util.List;

import io.trestle.telemetry.domain.UsageDelta;

/**
 * Splits the usage between two readings across the windows it spans, in proportion to time, so a machine reporting
 * every 20 minutes still charges each 15-minute window its share instead of the window of the later reading.
 */
public final class WindowSplitter {

    private WindowSplitter() {
    }

    public static List<UsageDelta> split(UsageDelta delta, long windowSizeMillis) {
        List<UsageDelta> pieces = new ArrayList<>();
        long start = delta.from();
        while (start < delta.to()) {
            long windowEnd = Math.floorDiv(start, windowSizeMillis) * windowSizeMillis + windowSizeMillis;
            long end = Math.min(windowEnd, delta.to());
            double share = (double) (end - start) / delta.durationMillis();
            pieces.add(new UsageDelta(start, end, delta.operatingHours() * share, scale(delta.idleHours(), share),
                    scale(delta.fuelUsed(), share), delta.fuelUnit()));
            start = end;
        }
        return pieces;
    }

    private static Double scale(Double value, double share) {
        return value == null ? null : value * share;
    }
}
