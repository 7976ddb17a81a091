package io.trestle.bench.fleet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The readings of one machine: a reading every 1 to 10 minutes, counters that rise only while the engine runs — on site
 * hours (06:00–18:00 UTC) at the machine's utilization, never at night, except generator sets, which power the site
 * around the clock — and fuel burnt by working and idling hours. The counters are rounded as telematics units report
 * them (hours to 0.01 h, fuel to 0.1 L), after accumulating, so they never run backwards.
 */
final class MachineSeries {

    private static final int SHIFT_START_HOUR = 6;
    private static final int SHIFT_END_HOUR = 18;
    private static final double REFUEL_BELOW_PERCENT = 15;
    private static final double REFUEL_TO_PERCENT = 95;

    private MachineSeries() {
    }

    /** Readings from a random moment of the first interval after {@code start} until before {@code end}. */
    static List<Reading> generate(Asset asset, Instant start, Instant end, SplittableRandom random) {
        EquipmentType type = asset.type();
        // A few machines stand by on site most of the day; the rest work most of their shift.
        double utilization = random.nextDouble() < 0.05 ? 0.05 : 0.55 + 0.4 * random.nextDouble();
        double idleShare = 0.1 + 0.3 * random.nextDouble();
        double operatingHours = 200 + random.nextDouble() * 9000;
        double idleHours = operatingHours * (0.15 + 0.15 * random.nextDouble());
        double fuelUsed = operatingHours * type.workingLitresPerHour() * 0.8;
        double fuelPercent = 30 + 65 * random.nextDouble();
        double latitude = 47.0 + 6.0 * random.nextDouble();
        double longitude = 6.0 + 9.0 * random.nextDouble();
        long minSeconds = FleetSpec.MIN_INTERVAL.toSeconds();
        long spreadSeconds = FleetSpec.MAX_INTERVAL.toSeconds() - minSeconds;

        List<Reading> readings = new ArrayList<>();
        Instant time = start.plusSeconds(random.nextLong(FleetSpec.MAX_INTERVAL.toSeconds()));
        boolean running = false;
        for (int sequence = 0; time.isBefore(end); sequence++) {
            readings.add(new Reading("%s-%06d".formatted(asset.assetId(), sequence), asset.assetId(), asset.index(),
                    sequence, time, round(operatingHours, 100), round(idleHours, 100), round(fuelUsed, 10),
                    round(fuelPercent, 10), running, round(latitude, 1e5), round(longitude, 1e5)));
            long seconds = minSeconds + random.nextLong(spreadSeconds + 1);
            double load = type == EquipmentType.GENERATOR || onShift(time.plusSeconds(seconds / 2))
                    ? Math.min(1.0, Math.max(0.0, utilization + 0.15 * (random.nextDouble() * 2 - 1)))
                    : 0.0;
            running = load > 0;
            double hours = seconds / 3600.0 * load;
            operatingHours += hours;
            idleHours += hours * idleShare;
            double litres = hours * ((1 - idleShare) * type.workingLitresPerHour()
                    + idleShare * type.idleLitresPerHour());
            fuelUsed += litres;
            fuelPercent -= litres / type.tankLitres() * 100;
            if (fuelPercent < REFUEL_BELOW_PERCENT) {
                fuelPercent = REFUEL_TO_PERCENT;
            }
            time = time.plusSeconds(seconds);
        }
        return readings;
    }

    static boolean onShift(Instant time) {
        int hour = time.atOffset(ZoneOffset.UTC).getHour();
        return hour >= SHIFT_START_HOUR && hour < SHIFT_END_HOUR;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
