package io.trestle.telemetry.domain;

/**
 * One asset's utilization on one UTC day.
 *
 * <p>
 * <b>Available hours</b> are the hours of the day the machine could have worked. The aggregator reads no downtime
 * (availability, work orders) yet, so every hour of the day counts as available: 24. <b>Utilization</b> is operating /
 * available hours. Idle hours are part of the operating hours (ISO 15143-3 counts idling as engine hours), so a machine
 * idling all day is fully utilized by this measure; {@code idleHours} says how much of it was idling.
 *
 * @param day
 *            ISO date ({@code yyyy-MM-dd}) of the UTC day
 */
public record DayUtilization(String assetId, String day, double operatingHours, double idleHours,
        double availableHours, double utilization) {

    public static final double HOURS_PER_DAY = 24;

    public static DayUtilization of(String assetId, String day, AssetDay usage) {
        double operating = usage.operatingHours();
        return new DayUtilization(assetId, day, operating, usage.idleHours(), HOURS_PER_DAY,
                Math.min(1, operating / HOURS_PER_DAY));
    }
}
