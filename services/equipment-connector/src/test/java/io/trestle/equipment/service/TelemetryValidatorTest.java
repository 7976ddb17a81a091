package io.trestle.equipment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Position;
import io.trestle.equipment.domain.TelemetryItem.Quantity;
import io.trestle.rest.Violation;

class TelemetryValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final TelemetryValidator validator = new TelemetryValidator(Clock.fixed(NOW, ZoneOffset.UTC), 3,
            Duration.ofMinutes(5));

    @Test
    void acceptsAWellFormedBatch() {
        assertThat(validator.validate(batch(reading("r-1"), reading("r-2")), "acme")).isEmpty();
    }

    @Test
    void namesEveryInvalidItemAndFieldByItsPath() {
        TelemetryItem negativeHours = withHours(reading("r-1"), -3.0);
        TelemetryItem future = new TelemetryItem("r-2", "EX-1", NOW.plus(Duration.ofHours(1)), 10.0, null, null, null,
                null, null, null, null, null, null);

        List<Violation> violations = validator.validate(batch(reading("ok"), negativeHours, future), "acme");

        assertThat(violations).extracting(Violation::item, Violation::itemId, Violation::field)
                .containsExactlyInAnyOrder(
                        tuple(1, "r-1", "readings[1].cumulativeOperatingHours"),
                        tuple(2, "r-2", "readings[2].readingTime"));
    }

    @Test
    void refusesUnknownUnitsOutOfRangeValuesAndMissingIdentifiers() {
        TelemetryItem item = new TelemetryItem(" ", null, NOW, 5.0, 6.0, new Quantity(10.0, "furlong"), 120.0, null,
                new Position(91.0, 12.0, null), null, new Quantity(3.0, "litre"), -1L, null);

        assertThat(validator.validate(batch(item), "acme")).extracting(Violation::field)
                .containsExactlyInAnyOrder("readings[0].readingId", "readings[0].assetId",
                        "readings[0].cumulativeIdleHours", "readings[0].cumulativeFuelUsed.unit",
                        "readings[0].fuelRemainingPercent", "readings[0].location.latitude",
                        "readings[0].odometer.unit", "readings[0].cumulativeLoadCount");
    }

    @Test
    void givesEachViolationTheCatalogueReasonCodeAQuarantineEntryCarries() {
        TelemetryItem item = new TelemetryItem(" ", null, NOW, -5.0, 6.0, new Quantity(10.0, "furlong"), 120.0, null,
                new Position(-91.0, 12.0, null), null, null, null, null);
        TelemetryItem future = new TelemetryItem("r-2", "EX-1", NOW.plus(Duration.ofHours(1)), 10.0, null, null, null,
                null, null, null, null, null, null);

        List<Violation> violations = validator.validate(batch(item, future, reading("r-2")), "acme");

        List<TelemetryItem> items = List.of(item, future, reading("r-2"));
        assertThat(violations)
                .extracting(TelemetryValidator::fieldOf, v -> TelemetryValidator.reasonCode(v, items.get(v.item())))
                .containsExactlyInAnyOrder(
                        tuple("readingId", "SCHEMA_VIOLATION"),
                        tuple("assetId", "SCHEMA_VIOLATION"),
                        tuple("cumulativeOperatingHours", "NEGATIVE_VALUE"),
                        tuple("cumulativeIdleHours", "VALUE_OUT_OF_RANGE"),
                        tuple("cumulativeFuelUsed.unit", "UNSUPPORTED_UNIT"),
                        tuple("fuelRemainingPercent", "VALUE_OUT_OF_RANGE"),
                        tuple("location.latitude", "VALUE_OUT_OF_RANGE"),
                        tuple("readingTime", "TIMESTAMP_OUT_OF_RANGE"),
                        tuple("readingId", "DUPLICATE_ID"));
    }

    @Test
    void acceptsUnitNamesInTheirVendorVariants() {
        TelemetryItem item = new TelemetryItem("r-1", "EX-1", NOW, 5.0, null, new Quantity(10.0, "Liter"), null, null,
                null, null, new Quantity(3.0, "Kilometre"), null, new Quantity(4.0, "tonne"));

        assertThat(validator.validate(batch(item), "acme")).isEmpty();
    }

    @Test
    void refusesDuplicateReadingIdsEmptyAndOversizedBatches() {
        assertThat(validator.validate(batch(reading("same"), reading("same")), "acme")).extracting(Violation::field)
                .containsExactly("readings[1].readingId");
        assertThat(validator.validate(batch(), "acme")).extracting(Violation::field).containsExactly("readings");
        assertThat(validator.validate(batch(reading("1"), reading("2"), reading("3"), reading("4")), "acme"))
                .extracting(Violation::message)
                .containsExactly("has 4 readings; at most 3 are accepted per request");
    }

    @Test
    void refusesABatchClaimingAnotherClientsSource() {
        assertThat(validator.validate(new TelemetryBatch("other", List.of(reading("r"))), "acme"))
                .extracting(Violation::field)
                .containsExactly("source");
    }

    @Test
    void refusesAReadingWithoutMeasurementsAndANullItem() {
        TelemetryItem empty = new TelemetryItem("r-1", "EX-1", NOW, null, null, null, null, null, null, null, null,
                null, null);
        List<TelemetryItem> items = new ArrayList<>();
        items.add(empty);
        items.add(null);

        assertThat(validator.validate(new TelemetryBatch(null, items), "acme")).extracting(Violation::field)
                .containsExactly("readings[0]", "readings[1]");
    }

    @Test
    void refusesNumbersThatOverflowedToInfinity() {
        // What Jackson makes of JSON like 1e400; negative and NaN values fail the same checks.
        double huge = Double.POSITIVE_INFINITY;
        TelemetryItem item = new TelemetryItem("r-1", "EX-1", NOW, huge, huge, new Quantity(huge, "L"), null, null,
                new Position(48.1, 11.5, huge), null, new Quantity(Double.NaN, "km"), null,
                new Quantity(Double.NEGATIVE_INFINITY, "t"));

        List<Violation> violations = validator.validate(batch(item), "acme");

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder(
                "readings[0].cumulativeOperatingHours", "readings[0].cumulativeIdleHours",
                "readings[0].cumulativeFuelUsed.value", "readings[0].location.altitudeMeters",
                "readings[0].odometer.value", "readings[0].cumulativePayload.value");
        assertThat(violations).extracting(Violation::message).allMatch(m -> m.startsWith("must be a finite number"));
    }

    @Test
    void refusesValuesBeyondAnyRealMachine() {
        TelemetryItem item = new TelemetryItem("r-1", "EX-1", NOW, 1_000_000.5, null, new Quantity(1.5e10, "L"), null,
                null, new Position(48.1, 11.5, 9_000.5), null, new Quantity(1.5e10, "km"), 1_000_000_001L,
                new Quantity(1.5e10, "kg"));

        List<Violation> violations = validator.validate(batch(item), "acme");

        assertThat(violations).extracting(Violation::field, Violation::message).containsExactlyInAnyOrder(
                tuple("readings[0].cumulativeOperatingHours", "must be between 0 and 1000000, was 1000000.5"),
                tuple("readings[0].cumulativeFuelUsed.value", "must be between 0 and 10000000000, was 1.5E10"),
                tuple("readings[0].location.altitudeMeters", "must be between -11000 and 9000, was 9000.5"),
                tuple("readings[0].odometer.value", "must be between 0 and 10000000000, was 1.5E10"),
                tuple("readings[0].cumulativeLoadCount", "must be between 0 and 1000000000, was 1000000001"),
                tuple("readings[0].cumulativePayload.value", "must be between 0 and 10000000000, was 1.5E10"));
    }

    @Test
    void acceptsValuesAtTheirBounds() {
        TelemetryItem item = new TelemetryItem("r-1", "EX-1", NOW, 1_000_000.0, 1_000_000.0, new Quantity(1e10, "L"),
                100.0, 0.0, new Position(-90.0, 180.0, -11_000.0), null, new Quantity(1e10, "km"), 1_000_000_000L,
                new Quantity(0.0, "kg"));

        assertThat(validator.validate(batch(item), "acme")).isEmpty();
    }

    @Test
    void refusesReadingTimesBefore2000AsADeviceClockError() {
        TelemetryItem epoch = new TelemetryItem("r-1", "EX-1", Instant.EPOCH, 10.0, null, null, null, null, null, null,
                null, null, null);
        TelemetryItem justBefore = new TelemetryItem("r-2", "EX-1", Instant.parse("1999-12-31T23:59:59Z"), 10.0, null,
                null, null, null, null, null, null, null, null);
        TelemetryItem first = new TelemetryItem("r-3", "EX-1", Instant.parse("2000-01-01T00:00:00Z"), 10.0, null,
                null, null, null, null, null, null, null, null);

        assertThat(validator.validate(batch(epoch, justBefore, first), "acme"))
                .extracting(Violation::field, Violation::message)
                .containsExactly(
                        tuple("readings[0].readingTime",
                                "lies before 2000-01-01T00:00:00Z (1970-01-01T00:00:00Z); check the device clock"),
                        tuple("readings[1].readingTime",
                                "lies before 2000-01-01T00:00:00Z (1999-12-31T23:59:59Z); check the device clock"));
    }

    @Test
    void acceptsCorrelationIdsOfUpTo128SafeCharacters() {
        assertThat(TelemetryValidator.checkCorrelationId(null)).as("absent: one is generated").isEmpty();
        assertThat(TelemetryValidator.checkCorrelationId("order-4711.retry_2:a1B2")).isEmpty();
        assertThat(TelemetryValidator.checkCorrelationId("c".repeat(128))).isEmpty();
    }

    @Test
    void refusesCorrelationIdsThatAreEmptyTooLongOrCarryOtherCharactersWithoutEchoingThem() {
        for (String refused : List.of("", "c".repeat(129), "two words", "line\nbreak", "semi;colon", "ümlaut")) {
            assertThat(TelemetryValidator.checkCorrelationId(refused)).as(refused)
                    .contains(Violation.ofRequest("X-Correlation-Id",
                            "must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'"));
        }
    }

    private static TelemetryBatch batch(TelemetryItem... items) {
        return new TelemetryBatch(null, Arrays.asList(items));
    }

    private static TelemetryItem reading(String id) {
        return new TelemetryItem(id, "EX-1", NOW.minus(Duration.ofMinutes(1)), 100.0, 20.0, new Quantity(500.0, "L"),
                50.0, 80.0, new Position(48.1, 11.5, null), true, new Quantity(1000.0, "km"), 3L, null);
    }

    private static TelemetryItem withHours(TelemetryItem item, double hours) {
        return new TelemetryItem(item.readingId(), item.assetId(), item.readingTime(), hours, null,
                item.cumulativeFuelUsed(), item.fuelRemainingPercent(), item.defRemainingPercent(), item.location(),
                item.engineRunning(), item.odometer(), item.cumulativeLoadCount(), item.cumulativePayload());
    }
}
