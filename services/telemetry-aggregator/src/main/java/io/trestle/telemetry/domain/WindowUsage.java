package io.trestle.telemetry.domain;

/** Usage of one asset summed over one window. Idle hours and fuel stay null when the feed never reported them. */
public record WindowUsage(double operatingHours, Double idleHours, Double fuelUsed, String fuelUnit) {

    public static final WindowUsage NONE = new WindowUsage(0, null, null, null);

    /** Whether anything was used; windows of a machine that stood still are not posted. */
    public boolean hasUsage() {
        return operatingHours > 0 || (idleHours != null && idleHours > 0) || (fuelUsed != null && fuelUsed > 0);
    }

    public WindowUsage add(UsageDelta delta) {
        return new WindowUsage(operatingHours + delta.operatingHours(), sum(idleHours, delta.idleHours()),
                sum(fuelUsed, delta.fuelUsed()), fuelUnit != null ? fuelUnit : delta.fuelUnit());
    }

    private static Double sum(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}
