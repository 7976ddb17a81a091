package io.trestle.telemetry.service;

import java.util.ArrayList;
import java.util.List;

import io.trestle.telemetry.domain.UsageDelta;

/**
 * Splits the usage between two readings across the windows it spans, in proportion to time, so a machine reporting
 * every 20 minutes still charges each 15-minute window its share instead of the window of the later reading, and a gap
 * up to the maximum is spread evenly over the windows it covers.
 */
public final class WindowSplitter {

    private WindowSplitter() {
    }

    public static List<UsageDelta> split(UsageDelta delta, long windowSizeMillis) {
        List<UsageDelta> pieces = new ArrayList<>();
        long start = delta.from();
        while (start < delta.to()) {
            long end = Math.min(windowStart(start, windowSizeMillis) + windowSizeMillis, delta.to());
            pieces.add(delta.slice(start, end));
            start = end;
        }
        return pieces;
    }

    /** Start of the tumbling window holding {@code time}; windows are aligned to the epoch. */
    public static long windowStart(long time, long windowSizeMillis) {
        return Math.floorDiv(time, windowSizeMillis) * windowSizeMillis;
    }
}
