package io.trestle.bench.fleet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates a fleet deterministically from its {@link FleetSpec}: the same spec gives the same machines, readings,
 * hand-over order and reservations, in any JVM.
 *
 * <p>
 * Reservations: {@code reservedShare} of the machines are reserved from a week before the first reading to a week after
 * the last. A quarter of those move to another project halfway, half of these with two hours in between in which their
 * usage is unallocated. Asset ids are decimal strings, as Odoo's ids are.
 */
public final class FleetGenerator {

    private static final int FIRST_ASSET_ID = 1001;
    private static final int FIRST_PROJECT_ID = 501;
    private static final int ASSETS_PER_PROJECT = 25;
    private static final int TASKS_PER_PROJECT = 4;
    private static final Duration RESERVATION_MARGIN = Duration.ofDays(7);
    private static final Duration PROJECT_GAP = Duration.ofHours(2);
    private static final long ASSET_STREAM = 0x9E3779B97F4A7C15L;

    private FleetGenerator() {
    }

    public static Fleet generate(FleetSpec spec) {
        SplittableRandom fleetRandom = new SplittableRandom(spec.seed());
        int projects = Math.max(3, spec.assets() / ASSETS_PER_PROJECT);
        List<String> projectIds = new ArrayList<>(projects);
        for (int p = 0; p < projects; p++) {
            projectIds.add(Integer.toString(FIRST_PROJECT_ID + p));
        }
        List<Asset> assets = new ArrayList<>(spec.assets());
        List<List<Reading>> bulkSeries = new ArrayList<>(spec.assets());
        List<List<Reading>> liveSeries = new ArrayList<>(spec.assets());
        for (int index = 0; index < spec.assets(); index++) {
            // Each machine draws from its own stream, so its readings do not depend on how many machines precede it.
            SplittableRandom random = new SplittableRandom(spec.seed() ^ (ASSET_STREAM * (index + 1)));
            Asset asset = asset(index, random, spec.start());
            assets.add(asset);
            List<Reading> readings = MachineSeries.generate(asset, spec.start(), spec.end(), random);
            int cut = (int) readings.stream().filter(r -> r.readingTime().isBefore(spec.liveStart())).count();
            bulkSeries.add(readings.subList(0, cut));
            liveSeries.add(readings.subList(cut, readings.size()));
        }
        List<Reservation> reservations = reservations(spec, assets, projectIds, bulkSeries, spec.end(),
                fleetRandom);
        List<Delivery> bulk = DeliveryPlan.deliveries(bulkSeries, spec.outOfOrderShare(), spec.duplicateShare(),
                fleetRandom.split());
        List<Delivery> live = DeliveryPlan.deliveries(liveSeries, spec.outOfOrderShare(), spec.duplicateShare(),
                fleetRandom.split());
        return new Fleet(spec, assets, projectIds, reservations, bulk, live);
    }

    private static Asset asset(int index, SplittableRandom random, Instant start) {
        EquipmentType type = EquipmentType.at(random.nextDouble());
        BigDecimal rate = BigDecimal.valueOf(type.hourlyRate() * (0.9 + 0.2 * random.nextDouble()))
                .setScale(2, RoundingMode.HALF_EVEN);
        // One machine in ten gets a new rate during the run, so some windows are priced at two rates.
        Optional<Asset.RateChange> change = random.nextDouble() < 0.1
                ? Optional.of(new Asset.RateChange(start.plus(Duration.ofHours(6 + random.nextInt(12))),
                        rate.multiply(BigDecimal.valueOf(1.05)).setScale(2, RoundingMode.HALF_EVEN)))
                : Optional.empty();
        return new Asset(index, Integer.toString(FIRST_ASSET_ID + index), type, rate, change);
    }

    private static List<Reservation> reservations(FleetSpec spec, List<Asset> assets, List<String> projectIds,
            List<List<Reading>> bulkSeries, Instant end, SplittableRandom random) {
        Instant from = spec.start().minus(RESERVATION_MARGIN);
        Instant to = end.plus(RESERVATION_MARGIN);
        Instant bookedAt = from.minus(Duration.ofDays(1));
        List<Reservation> reservations = new ArrayList<>();
        for (Asset asset : assets) {
            if (random.nextDouble() >= spec.reservedShare()) {
                continue;
            }
            String project = projectIds.get(random.nextInt(projectIds.size()));
            if (random.nextDouble() < 0.75) {
                reservations.add(reservation(asset, 1, project, from, to, bookedAt, random));
                continue;
            }
            List<Reading> readings = bulkSeries.get(asset.index());
            Instant move = readings.get(readings.size() / 2).readingTime();
            String next = projectIds.get(random.nextInt(projectIds.size()));
            Instant resumes = random.nextBoolean() ? move : move.plus(PROJECT_GAP);
            reservations.add(reservation(asset, 1, project, from, move, bookedAt, random));
            reservations.add(reservation(asset, 2, next, resumes, to, bookedAt, random));
        }
        return reservations;
    }

    private static Reservation reservation(Asset asset, int number, String project, Instant from, Instant to,
            Instant bookedAt, SplittableRandom random) {
        String task = project + "%02d".formatted(1 + random.nextInt(TASKS_PER_PROJECT));
        return new Reservation("R-" + asset.assetId() + "-" + number, asset.assetId(), project, task,
                random.nextInt(Fleet.COST_CODES_PER_PROJECT), from, to, bookedAt);
    }
}
