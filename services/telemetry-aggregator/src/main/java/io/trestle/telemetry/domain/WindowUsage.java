package io.trestle.telemetry.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An asset's usage in one window, as time slices rather than totals: reservations and rates change at any moment, so
 * the window is attributed and priced slice by slice when it closes, and again whenever late data or a late reservation
 * reopens it within the correction retention.
 *
 * @param slices
 *            usage with its time span, sorted by start
 * @param dueAt
 *            stream time (epoch millis) at which the window is to be (re)computed and posted; null while nothing is
 *            pending
 * @param closed
 *            whether the window was computed and posted at least once
 */
public record WindowUsage(List<UsageDelta> slices, Long dueAt, boolean closed) {

    public static final WindowUsage EMPTY = new WindowUsage(List.of(), null, false);

    public WindowUsage {
        slices = List.copyOf(slices);
    }

    /** The usage with what lies between {@code from} and {@code to} replaced by {@code pieces}. */
    public WindowUsage revised(long from, long to, List<UsageDelta> pieces) {
        List<UsageDelta> revised = new ArrayList<>(
                slices.stream().filter(slice -> slice.to() <= from || slice.from() >= to).toList());
        revised.addAll(pieces);
        revised.sort(Comparator.comparingLong(UsageDelta::from));
        return new WindowUsage(revised, dueAt, closed);
    }

    public WindowUsage due(long at) {
        return new WindowUsage(slices, at, closed);
    }

    public WindowUsage posted() {
        return new WindowUsage(slices, null, true);
    }
}
