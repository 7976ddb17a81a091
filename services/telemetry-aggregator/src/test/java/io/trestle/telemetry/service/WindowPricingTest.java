package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.HourlyRate;
import io.trestle.telemetry.domain.BookedReservation;
import io.trestle.telemetry.domain.LineValues;
import io.trestle.telemetry.domain.PricedLine;
import io.trestle.telemetry.domain.ReservationBook;
import io.trestle.telemetry.domain.UsageDelta;

class WindowPricingTest {

    private static final long MINUTE = 60_000L;
    private static final PricingRules RULES = new PricingRules("EUR", new BigDecimal("80"), Map.of(), BigDecimal.ONE,
            Optional.empty(), "UNALLOCATED");

    @Test
    void amountIsHoursTimesRateRoundedHalfEvenToCentsAndQuantitiesLoseTheirBinaryNoise() {
        List<UsageDelta> slices = List.of(new UsageDelta(0, 5 * MINUTE, 0.1, null, 4.80000000000291, "L"),
                new UsageDelta(5 * MINUTE, 10 * MINUTE, 0.2, null, null, null));
        PricingRules thirds = new PricingRules("EUR", new BigDecimal("33.3333"), Map.of(), BigDecimal.ONE,
                Optional.empty(), "U");

        LineValues values = only(WindowPricing.price(slices, ReservationBook.EMPTY, rates(null, thirds), thirds));

        assertThat(values.operatingHours()).isEqualTo(0.3);
        assertThat(values.fuelUsed()).isEqualTo(4.8);
        assertThat(values.amount()).isEqualTo(new BigDecimal("10.00"));
        assertThat(values.hourlyRate()).isEqualTo(new BigDecimal("33.3333"));
    }

    @Test
    void aSliceIsCutAtReservationBoundariesAndEachPartGoesToItsReservation() {
        ReservationBook book = ReservationBook.EMPTY
                .with(new BookedReservation("R-1", "P-1", null, "CC-1", 0, 5 * MINUTE, "CONFIRMED", 0))
                .with(new BookedReservation("R-2", "P-2", "T-2", "CC-2", 5 * MINUTE, 60 * MINUTE, "COMPLETED", 0));

        WindowPricing.Result result = WindowPricing.price(
                List.of(new UsageDelta(0, 10 * MINUTE, 0.2, null, null, null)), book, rates(null, RULES), RULES);

        assertThat(result.lines()).extracting(line -> line.key().projectId(), line -> line.key().costCodeId(),
                line -> line.values().taskId(), line -> line.values().operatingHours())
                .containsExactly(tuple("P-1", "CC-1", null, 0.1), tuple("P-2", "CC-2", "T-2", 0.1));
    }

    @Test
    void overlappingReservationsGiveTheUsageToTheOneThatStartedLast() {
        ReservationBook book = ReservationBook.EMPTY
                .with(new BookedReservation("SHORT", "P-B", null, "CC-B", 5 * MINUTE, 10 * MINUTE, "CONFIRMED", 0))
                .with(new BookedReservation("LONG", "P-A", null, "CC-A", 0, 60 * MINUTE, "CONFIRMED", 99));

        WindowPricing.Result result = WindowPricing.price(
                List.of(new UsageDelta(0, 15 * MINUTE, 0.15, null, null, null)), book, rates(null, RULES), RULES);

        assertThat(result.lines()).extracting(line -> line.key().projectId(), line -> line.values().operatingHours())
                .containsExactly(tuple("P-A", 0.1), tuple("P-B", 0.05));
    }

    @Test
    void tentativeAndCancelledReservationsAttributeNothing() {
        ReservationBook book = ReservationBook.EMPTY
                .with(new BookedReservation("R-1", "P-1", null, "CC-1", 0, 60 * MINUTE, "TENTATIVE", 0))
                .with(new BookedReservation("R-2", "P-2", null, "CC-2", 0, 60 * MINUTE, "CANCELLED", 0));

        PricedLine line = WindowPricing.price(List.of(new UsageDelta(0, 5 * MINUTE, 0.05, null, null, null)), book,
                rates(null, RULES), RULES).lines().get(0);

        assertThat(line.key().projectId()).isNull();
        assertThat(line.key().costCodeId()).isEqualTo("UNALLOCATED");
        assertThat(line.unallocatedReason()).isEqualTo("NO_RESERVATION");
    }

    @Test
    void aRateChangeWithinASlicePricesEachPartAtItsRateAndTheLineShowsTheAverage() {
        EquipmentAssetSnapshot asset = snapshot(
                new HourlyRate(Instant.EPOCH, Instant.ofEpochMilli(5 * MINUTE), new BigDecimal("60.0000"), "EUR"),
                new HourlyRate(Instant.ofEpochMilli(5 * MINUTE), null, new BigDecimal("120.0000"), "EUR"));

        LineValues values = only(WindowPricing.price(
                List.of(new UsageDelta(0, 10 * MINUTE, 0.2, null, null, null)), ReservationBook.EMPTY,
                rates(asset, RULES), RULES));

        assertThat(values.amount()).isEqualTo(new BigDecimal("18.00")); // 0.1 × 60 + 0.1 × 120
        assertThat(values.hourlyRate()).isEqualTo(new BigDecimal("90.0000"));
    }

    @Test
    void aRateInAnotherCurrencyLeavesItsUsageUnpriced() {
        EquipmentAssetSnapshot asset = snapshot(new HourlyRate(Instant.EPOCH, null, new BigDecimal("99.0000"), "USD"));
        RateCard rates = rates(asset, RULES);

        WindowPricing.Result result = WindowPricing.price(
                List.of(new UsageDelta(0, 5 * MINUTE, 0.05, null, null, null)), ReservationBook.EMPTY, rates, RULES);

        assertThat(result.lines()).isEmpty();
        assertThat(result.unpriced()).hasSize(1);
        assertThat(rates.whyUnpriced(0)).contains("99", "USD", "EUR");
    }

    @Test
    void idleHoursCostTheIdleShareOfTheRate() {
        PricingRules halfIdle = new PricingRules("EUR", new BigDecimal("80"), Map.of(), new BigDecimal("0.5"),
                Optional.empty(), "UNALLOCATED");

        LineValues values = only(WindowPricing.price(List.of(new UsageDelta(0, 15 * MINUTE, 0.15, 0.06, null, null)),
                ReservationBook.EMPTY, rates(null, halfIdle), halfIdle));

        assertThat(values.operatingHours()).isEqualTo(0.15);
        assertThat(values.idleHours()).isEqualTo(0.06);
        assertThat(values.amount()).isEqualTo(new BigDecimal("9.60")); // 0.09 × 80 + 0.06 × 40
        assertThat(values.hourlyRate()).isEqualTo(new BigDecimal("64.0000"));
    }

    @Test
    void withAnIdleCostCodeIdleHoursOfAttributedUsageGetALineOfTheirOwn() {
        PricingRules idleCode = new PricingRules("EUR", new BigDecimal("80"), Map.of(), new BigDecimal("0.5"),
                Optional.of("IDLE"), "UNALLOCATED");
        ReservationBook book = ReservationBook.EMPTY
                .with(new BookedReservation("R-1", "P-1", "T-1", "CC-1", 0, 60 * MINUTE, "CONFIRMED", 0));

        List<PricedLine> lines = WindowPricing.price(
                List.of(new UsageDelta(0, 15 * MINUTE, 0.15, 0.06, 3.0, "L")), book, rates(null, idleCode), idleCode)
                .lines();

        assertThat(lines).extracting(line -> line.key().costCodeId(), line -> line.values().operatingHours(),
                line -> line.values().idleHours(), line -> line.values().fuelUsed(), line -> line.values().amount(),
                line -> line.values().hourlyRate())
                .containsExactly(
                        tuple("CC-1", 0.09, 0.0, 3.0, new BigDecimal("7.20"), new BigDecimal("80.0000")),
                        tuple("IDLE", 0.06, 0.06, null, new BigDecimal("2.40"), new BigDecimal("40.0000")));
        assertThat(lines).allSatisfy(line -> assertThat(line.key().projectId()).isEqualTo("P-1"));
    }

    private static LineValues only(WindowPricing.Result result) {
        assertThat(result.lines()).hasSize(1);
        return result.lines().get(0).values();
    }

    private static RateCard rates(EquipmentAssetSnapshot asset, PricingRules rules) {
        return RateCard.of(asset, "EX-1", rules);
    }

    private static EquipmentAssetSnapshot snapshot(HourlyRate... rates) {
        return EquipmentAssetSnapshot.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(java.util.UUID.randomUUID())
                        .setSourceSystem("odoo")
                        .setOccurredAt(Instant.EPOCH)
                        .setIngestedAt(Instant.EPOCH)
                        .build())
                .setAssetId("EX-1")
                .setName("Excavator")
                .setHourlyRates(List.of(rates))
                .build();
    }
}
