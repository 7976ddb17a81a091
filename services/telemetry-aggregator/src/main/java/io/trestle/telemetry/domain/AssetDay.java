package io.trestle.telemetry.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * The posted lines of one asset on one UTC day, each at its latest revision. Kept line by line rather than as totals
 * because a correction carries the corrected figures of its line, not a difference: the day's totals are the sum of the
 * lines as last posted.
 *
 * @param lines
 *            by line id ({@code <windowStart>|<projectId>|<costCodeId>})
 */
public record AssetDay(Map<String, LineHours> lines) {

    public static final AssetDay EMPTY = new AssetDay(Map.of());

    public AssetDay {
        lines = Map.copyOf(lines);
    }

    /** With the line's figures, unless the day already holds a later revision of it (a replayed older posting). */
    public AssetDay with(String lineId, LineHours line) {
        LineHours known = lines.get(lineId);
        if (known != null && known.revision() > line.revision()) {
            return this;
        }
        Map<String, LineHours> updated = new TreeMap<>(lines);
        updated.put(lineId, line);
        return new AssetDay(updated);
    }

    public double operatingHours() {
        return lines.values().stream().mapToDouble(LineHours::operatingHours).sum();
    }

    public double idleHours() {
        return lines.values().stream().mapToDouble(LineHours::idleHours).sum();
    }
}
