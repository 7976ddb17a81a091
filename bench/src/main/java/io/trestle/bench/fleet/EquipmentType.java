package io.trestle.bench.fleet;

/**
 * Kinds of machines on a construction fleet, with the figures that shape their telemetry: how much fuel they burn
 * working and idling, how big the tank is, what an hour costs, and how many of a fleet they are.
 */
public enum EquipmentType {

    EXCAVATOR("Excavator", 18.0, 3.0, 400, 95.00, 0.30),
    WHEEL_LOADER("Wheel loader", 14.0, 2.5, 300, 72.00, 0.20),
    DUMPER("Articulated dumper", 20.0, 3.5, 450, 80.00, 0.15),
    TELEHANDLER("Telehandler", 6.0, 1.2, 140, 45.00, 0.15),
    MOBILE_CRANE("Mobile crane", 22.0, 4.0, 500, 130.00, 0.10),
    GENERATOR("Generator set", 9.0, 4.5, 250, 25.00, 0.10);

    private final String label;
    private final double workingLitresPerHour;
    private final double idleLitresPerHour;
    private final double tankLitres;
    private final double hourlyRate;
    private final double fleetShare;

    EquipmentType(String label, double workingLitresPerHour, double idleLitresPerHour, double tankLitres,
            double hourlyRate, double fleetShare) {
        this.label = label;
        this.workingLitresPerHour = workingLitresPerHour;
        this.idleLitresPerHour = idleLitresPerHour;
        this.tankLitres = tankLitres;
        this.hourlyRate = hourlyRate;
        this.fleetShare = fleetShare;
    }

    public String label() {
        return label;
    }

    public double workingLitresPerHour() {
        return workingLitresPerHour;
    }

    public double idleLitresPerHour() {
        return idleLitresPerHour;
    }

    public double tankLitres() {
        return tankLitres;
    }

    public double hourlyRate() {
        return hourlyRate;
    }

    /** The type at a point of the cumulative fleet shares, {@code point} in [0, 1). */
    static EquipmentType at(double point) {
        double cumulative = 0;
        for (EquipmentType type : values()) {
            cumulative += type.fleetShare;
            if (point < cumulative) {
                return type;
            }
        }
        return values()[values().length - 1];
    }
}
