package io.trestle.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class FleetGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-20T04:00:00Z");
    private static final FleetSpec SPEC = FleetSpec.of(7, 300, 120, 40, START);
    private static final Fleet FLEET = FleetGenerator.generate(SPEC);

    @Test
    void theSameSpecGivesTheSameFleetDownToTheHandOverOrder() {
        Fleet again = FleetGenerator.generate(SPEC);

        assertThat(again.bulk()).isEqualTo(FLEET.bulk());
        assertThat(again.live()).isEqualTo(FLEET.live());
        assertThat(again.reservations()).isEqualTo(FLEET.reservations());
        assertThat(again.assets()).isEqualTo(FLEET.assets());
    }

    @Test
    void anotherSeedGivesOtherReadings() {
        Fleet other = FleetGenerator.generate(FleetSpec.of(8, 300, 120, 40, START));

        assertThat(other.bulk()).isNotEqualTo(FLEET.bulk());
    }

    @Test
    void aMachinesReadingsDoNotDependOnHowManyMachinesTheFleetHas() {
        Fleet smaller = FleetGenerator.generate(FleetSpec.of(7, 10, 120, 40, START));

        assertThat(series(smaller, "1005")).isEqualTo(series(FLEET, "1005"));
    }

    @Test
    void eachPartHoldsExactlyOnePercentDuplicatesAndOnePercentOutOfOrder() {
        DeliveryStats bulk = DeliveryStats.of(FLEET.bulk());
        DeliveryStats live = DeliveryStats.of(FLEET.live());

        assertThat(bulk.readings()).isBetween(300 * 120 * 97 / 100, 300 * 120 * 103 / 100);
        assertThat(bulk.duplicates()).isEqualTo(Math.round(bulk.readings() * 0.01));
        assertThat(bulk.outOfOrder()).isEqualTo(Math.round(bulk.readings() * 0.01));
        assertThat(bulk.deliveries()).isEqualTo(bulk.readings() + bulk.duplicates());
        assertThat(live.readings()).isBetween(300 * 40 * 97 / 100, 300 * 40 * 103 / 100);
        assertThat(live.duplicates()).isEqualTo(Math.round(live.readings() * 0.01));
        assertThat(live.outOfOrder()).isEqualTo(Math.round(live.readings() * 0.01));
    }

    @Test
    void theKindsTheGeneratorAssignsMatchWhatTheOrderShows() {
        Map<Delivery.Kind, Long> kinds = FLEET.bulk().stream()
                .collect(Collectors.groupingBy(Delivery::kind, Collectors.counting()));

        assertThat(kinds.get(Delivery.Kind.DUPLICATE)).isEqualTo(DeliveryStats.of(FLEET.bulk()).duplicates());
        assertThat(kinds.get(Delivery.Kind.LATE)).isEqualTo(DeliveryStats.of(FLEET.bulk()).outOfOrder());
    }

    @Test
    void countersNeverRunBackwardsNorRiseFasterThanTimePasses() {
        for (Asset asset : FLEET.assets()) {
            List<Reading> readings = series(FLEET, asset.assetId());
            for (int i = 1; i < readings.size(); i++) {
                Reading before = readings.get(i - 1);
                Reading reading = readings.get(i);
                double elapsedHours = Duration.between(before.readingTime(), reading.readingTime()).toMillis()
                        / 3_600_000.0;
                assertThat(reading.operatingHours()).isGreaterThanOrEqualTo(before.operatingHours())
                        .isLessThanOrEqualTo(before.operatingHours() + elapsedHours + 0.01);
                assertThat(reading.idleHours()).isGreaterThanOrEqualTo(before.idleHours())
                        .isLessThanOrEqualTo(reading.operatingHours());
                assertThat(reading.fuelUsedLitres()).isGreaterThanOrEqualTo(before.fuelUsedLitres());
                if (reading.operatingHours() > before.operatingHours()) {
                    assertThat(reading.engineRunning()).isTrue();
                }
            }
        }
    }

    @Test
    void readingsComeEveryOneToTenMinutes() {
        for (Asset asset : FLEET.assets()) {
            List<Reading> readings = series(FLEET, asset.assetId());
            for (int i = 1; i < readings.size(); i++) {
                assertThat(Duration.between(readings.get(i - 1).readingTime(), readings.get(i).readingTime()))
                        .isBetween(FleetSpec.MIN_INTERVAL, FleetSpec.MAX_INTERVAL);
            }
        }
    }

    @Test
    void machinesWorkOnDayShiftsAndOnlyGeneratorsAtNight() {
        Map<Boolean, Double> hoursByNight = new HashMap<>();
        for (Asset asset : FLEET.assets()) {
            if (asset.type() == EquipmentType.GENERATOR) {
                continue;
            }
            List<Reading> readings = series(FLEET, asset.assetId());
            for (int i = 1; i < readings.size(); i++) {
                double hours = readings.get(i).operatingHours() - readings.get(i - 1).operatingHours();
                Instant middle = readings.get(i - 1).readingTime().plus(Duration.between(
                        readings.get(i - 1).readingTime(), readings.get(i).readingTime()).dividedBy(2));
                hoursByNight.merge(!MachineSeries.onShift(middle), hours, Double::sum);
            }
        }

        assertThat(hoursByNight.get(false)).isPositive();
        assertThat(hoursByNight.getOrDefault(true, 0.0)).isLessThan(0.01);
    }

    @Test
    void aLateReadingArrivesAfterTheMachinesNextOneWithinTheReorderHorizon() {
        Map<String, Instant> newest = new HashMap<>();
        for (Delivery delivery : FLEET.bulk()) {
            Reading reading = delivery.reading();
            Instant latest = newest.get(reading.assetId());
            if (delivery.kind() == Delivery.Kind.LATE) {
                assertThat(latest).isAfter(reading.readingTime());
                assertThat(Duration.between(reading.readingTime(), latest))
                        .isLessThanOrEqualTo(FleetSpec.MAX_INTERVAL);
            }
            if (latest == null || reading.readingTime().isAfter(latest)) {
                newest.put(reading.assetId(), reading.readingTime());
            }
        }
    }

    @Test
    void aDuplicateRepeatsItsReadingBeforeTheMachinesNextReading() {
        Map<String, Reading> byId = new HashMap<>();
        Map<String, Instant> newest = new HashMap<>();
        for (Delivery delivery : FLEET.bulk()) {
            Reading reading = delivery.reading();
            if (delivery.kind() == Delivery.Kind.DUPLICATE) {
                assertThat(byId.get(reading.readingId())).isEqualTo(reading);
                assertThat(newest.get(reading.assetId())).isEqualTo(reading.readingTime());
            } else {
                byId.put(reading.readingId(), reading);
                newest.merge(reading.assetId(), reading.readingTime(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    @Test
    void handOverFollowsSimulatedTime() {
        assertThat(FLEET.bulk()).isSortedAccordingTo(Comparator.comparing(Delivery::deliverAt));
        assertThat(FLEET.live()).isSortedAccordingTo(Comparator.comparing(Delivery::deliverAt));
    }

    @Test
    void everyMachinesBulkPartEndsAndItsLivePartBeginsAtTheSameInstant() {
        assertThat(FLEET.bulk()).allSatisfy(
                delivery -> assertThat(delivery.reading().readingTime()).isBefore(SPEC.liveStart()));
        assertThat(FLEET.live()).allSatisfy(delivery -> assertThat(delivery.reading().readingTime())
                .isAfterOrEqualTo(SPEC.liveStart()).isBefore(SPEC.end()));
        assertThat(FLEET.live().stream().map(delivery -> delivery.reading().assetId()).distinct().count())
                .isEqualTo(300);
    }

    @Test
    void mostMachinesAreReservedForTheWholeRunSomeMoveProjectAndTheRestAreUnallocated() {
        Map<String, List<Reservation>> byAsset = FLEET.reservations().stream()
                .collect(Collectors.groupingBy(Reservation::assetId));
        assertThat(byAsset.size()).isBetween(240, 300);
        assertThat(byAsset.values()).filteredOn(reservations -> reservations.size() == 2).isNotEmpty();
        assertThat(byAsset.values()).allSatisfy(reservations -> {
            assertThat(reservations.get(0).reservedFrom()).isBefore(START);
            assertThat(reservations.get(reservations.size() - 1).reservedTo()).isAfter(SPEC.end());
            assertThat(reservations).allSatisfy(reservation -> {
                assertThat(reservation.changedAt()).isBefore(reservation.reservedFrom());
                assertThat(reservation.costCodeSlot()).isBetween(0, Fleet.COST_CODES_PER_PROJECT - 1);
                assertThat(FLEET.projectIds()).contains(reservation.projectId());
            });
        });
    }

    @Test
    void theDefaultStartKeepsEveryReadingInThePastAndTheLivePartOnADayShift() {
        Instant now = Instant.parse("2026-11-27T09:05:00Z");
        Instant start = FleetSpec.defaultStart(200, 30, now);
        FleetSpec spec = FleetSpec.of(42, 200, 200, 30, start);
        Fleet fleet = FleetGenerator.generate(spec);

        assertThat(spec.liveStart()).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));

        Instant last = fleet.live().stream().map(delivery -> delivery.reading().readingTime())
                .max(Instant::compareTo).orElseThrow();
        assertThat(last).isBefore(now);
        assertThat(fleet.live()).allSatisfy(delivery -> assertThat(MachineSeries.onShift(delivery.deliverAt()))
                .isTrue());
    }

    @Test
    void aSpecWithTooFewReadingsPerMachineIsRefused() {
        assertThatThrownBy(() -> FleetSpec.of(1, 10, 5, 0, START)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10");
    }

    private static List<Reading> series(Fleet fleet, String assetId) {
        return Stream.concat(fleet.bulk().stream(), fleet.live().stream())
                .filter(delivery -> delivery.kind() != Delivery.Kind.DUPLICATE)
                .map(Delivery::reading).filter(reading -> reading.assetId().equals(assetId))
                .sorted(Comparator.comparingInt(Reading::sequence)).toList();
    }
}
