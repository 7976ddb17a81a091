package io.trestle.telemetry.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The posted lines of one project on one cost code and UTC day, each at its latest revision, line by line for the same
 * reason as {@link AssetDay}: a correction replaces its line's figures.
 *
 * @param currency
 *            ISO 4217 code of every amount (the aggregator prices in one currency)
 * @param lines
 *            by line id ({@code <assetId>|<windowStart>})
 */
public record ProjectDayCost(String currency, Map<String, LineCost> lines) {

    public ProjectDayCost {
        lines = Map.copyOf(lines);
    }

    public static ProjectDayCost empty(String currency) {
        return new ProjectDayCost(currency, Map.of());
    }

    /** With the line's figures, unless a later revision of it is already known. */
    public ProjectDayCost with(String lineId, LineCost line) {
        LineCost known = lines.get(lineId);
        if (known != null && known.revision() > line.revision()) {
            return this;
        }
        Map<String, LineCost> updated = new TreeMap<>(lines);
        updated.put(lineId, line);
        return new ProjectDayCost(currency, updated);
    }

    public double operatingHours() {
        return lines.values().stream().mapToDouble(LineCost::operatingHours).sum();
    }

    public double idleHours() {
        return lines.values().stream().mapToDouble(LineCost::idleHours).sum();
    }

    public BigDecimal amount() {
        return lines.values().stream().map(LineCost::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
