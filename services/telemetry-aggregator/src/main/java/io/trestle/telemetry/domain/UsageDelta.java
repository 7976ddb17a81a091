package io.trestle.telemetry.domain;

/**
 * Usage of one asset between two readings, or a time slice of it.
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

    public boolean hasUsage() {
        return operatingHours > 0 || (idleHours != null && idleHours > 0) || (fuelUsed != null && fuelUsed > 0);
    }

    /**
     * The part of this usage between {@code sliceFrom} and {@code sliceTo}, in proportion to time: counters only say
     * how much was used between two readings, not when, so usage is assumed even in between.
     */
    public UsageDelta slice(long sliceFrom, long sliceTo) {
        if (sliceFrom == from && sliceTo == to) {
            return this;
        }
        double share = (double) (sliceTo - sliceFrom) / durationMillis();
        return new UsageDelta(sliceFrom, sliceTo, operatingHours * share, scale(idleHours, share),
                scale(fuelUsed, share), fuelUnit);
    }

    private static Double scale(Double value, double share) {
        return value == null ? null : value * share;
    }
}
