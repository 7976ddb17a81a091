package io.trestle.telemetry.domain;

import java.math.BigDecimal;

/**
 * The posted figures of one cost line, rounded as they are posted, so that two computations of a window compare equal
 * exactly when their postings would.
 */
public record LineValues(String taskId, double operatingHours, Double idleHours, Double fuelUsed, String fuelUnit,
        BigDecimal amount, BigDecimal hourlyRate, String currency) {

    public boolean hasUsage() {
        return operatingHours > 0 || (idleHours != null && idleHours > 0) || (fuelUsed != null && fuelUsed > 0);
    }

    /** The same line with nothing on it: what a correction posts when the line's usage went elsewhere. */
    public LineValues emptied() {
        return new LineValues(taskId, 0, idleHours == null ? null : 0.0, null, null,
                BigDecimal.ZERO.setScale(amount.scale()), hourlyRate, currency);
    }
}
