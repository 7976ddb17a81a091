package io.trestle.equipment.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.rest.Violation;

/**
 * Checks a whole push batch before anything is published, so that a batch is either accepted entirely or refused with
 * every problem named: a half-accepted batch would leave the caller unable to tell what to resend.
 */
@ApplicationScoped
public class TelemetryValidator {

    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

    static final int MAX_ID_LENGTH = ItemChecker.MAX_ID_LENGTH;

    /** No feed reports readings this old: an earlier time is a device clock reset to an epoch (1970, GPS 1980). */
    static final Instant EARLIEST_READING_TIME = ItemChecker.EARLIEST_TIME;
    /*
     * Upper bounds far beyond any real machine (1,000,000 h is over a century of running), there to refuse corrupt
     * values before they become costs downstream. Quantities are bounded in their own unit.
     */
    static final double MAX_HOURS = 1_000_000;
    static final double MAX_QUANTITY = 1e10;
    static final long MAX_LOAD_COUNT = 1_000_000_000L;
    /** The deepest and the highest point on Earth, in metres. */
    static final double MIN_ALTITUDE = -11_000;
    static final double MAX_ALTITUDE = 9_000;

    /** The measurements checked against bounds, by the field name their violations carry. */
    private static final Map<String, Function<TelemetryItem, Number>> BOUNDED_VALUES = Map.of(
            "cumulativeOperatingHours", TelemetryItem::cumulativeOperatingHours,
            "cumulativeIdleHours", TelemetryItem::cumulativeIdleHours,
            "cumulativeFuelUsed.value", item -> item.cumulativeFuelUsed().value(),
            "odometer.value", item -> item.odometer().value(),
            "cumulativePayload.value", item -> item.cumulativePayload().value(),
            "fuelRemainingPercent", TelemetryItem::fuelRemainingPercent,
            "defRemainingPercent", TelemetryItem::defRemainingPercent,
            "cumulativeLoadCount", TelemetryItem::cumulativeLoadCount);
    /** Coordinates are bounded too, but a negative one is a place, not an impossible quantity. */
    private static final Map<String, Function<TelemetryItem, Number>> SIGNED_VALUES = Map.of(
            "location.latitude", item -> item.location().latitude(),
            "location.longitude", item -> item.location().longitude(),
            "location.altitudeMeters", item -> item.location().altitudeMeters());

    /** Copied into every event and into logs, so bounded and free of anything that could forge a log line. */
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");

    private final Clock clock;
    private final int maxBatchSize;
    private final Duration maxClockSkew;

    @Inject
    public TelemetryValidator(EquipmentConnectorConfig config) {
        this(Clock.systemUTC(), config.ingest().maxBatchSize(), config.ingest().maxClockSkew());
    }

    TelemetryValidator(Clock clock, int maxBatchSize, Duration maxClockSkew) {
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
        this.maxClockSkew = maxClockSkew;
    }

    /** A violation when the caller's correlation id is not 1 to 128 characters of {@code [A-Za-z0-9._:-]}. */
    public static Optional<Violation> checkCorrelationId(String correlationId) {
        if (correlationId == null || CORRELATION_ID.matcher(correlationId).matches()) {
            return Optional.empty();
        }
        // The value is not echoed: it is exactly what failed the check for being unbounded or unsafe.
        return Optional.of(Violation.ofRequest(CORRELATION_ID_HEADER,
                "must be 1 to " + MAX_ID_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'"));
    }

    public List<Violation> validate(TelemetryBatch batch, String authenticatedClient) {
        List<Violation> violations = new ArrayList<>();
        if (batch.source() != null && !batch.source().equals(authenticatedClient)) {
            violations.add(Violation.ofRequest("source",
                    "source '" + batch.source() + "' does not match the API key's client '" + authenticatedClient
                            + "'"));
        }
        if (batch.readings() == null || batch.readings().isEmpty()) {
            violations.add(Violation.ofRequest("readings", "must contain at least one reading"));
            return violations;
        }
        if (batch.readings().size() > maxBatchSize) {
            violations.add(Violation.ofRequest("readings",
                    "has " + batch.readings().size() + " readings; at most " + maxBatchSize
                            + " are accepted per request"));
            return violations;
        }
        Set<String> seenIds = new HashSet<>();
        Instant latestPlausible = clock.instant().plus(maxClockSkew);
        for (int i = 0; i < batch.readings().size(); i++) {
            TelemetryItem item = batch.readings().get(i);
            ItemChecker check = new ItemChecker("readings", i, item == null ? null : item.readingId(), violations,
                    latestPlausible);
            if (item == null) {
                check.fail("", "must be an object, not null");
                continue;
            }
            validateItem(item, check);
            if (item.readingId() != null && !seenIds.add(item.readingId())) {
                check.fail("readingId", "duplicates an earlier reading of this batch");
            }
        }
        return violations;
    }

    private void validateItem(TelemetryItem item, ItemChecker check) {
        check.identifier("readingId", item.readingId());
        check.assetOrMachine(item.assetId(), item.machine());
        if (item.readingTime() == null) {
            check.fail("readingTime", "is required (ISO-8601 instant, e.g. 2026-11-27T08:00:00Z)");
        } else if (item.readingTime().isAfter(clock.instant().plus(maxClockSkew))) {
            check.fail("readingTime", "lies in the future (" + item.readingTime() + "); check the device clock");
        } else if (item.readingTime().isBefore(EARLIEST_READING_TIME)) {
            check.fail("readingTime", "lies before " + EARLIEST_READING_TIME + " (" + item.readingTime()
                    + "); check the device clock");
        }
        if (!item.hasMeasurement()) {
            check.fail("", "carries no measurement");
        }
        check.optionalRange("cumulativeOperatingHours", item.cumulativeOperatingHours(), 0, MAX_HOURS);
        check.optionalRange("cumulativeIdleHours", item.cumulativeIdleHours(), 0, MAX_HOURS);
        if (item.cumulativeOperatingHours() != null && item.cumulativeIdleHours() != null
                && item.cumulativeIdleHours() > item.cumulativeOperatingHours()) {
            check.fail("cumulativeIdleHours", "exceeds cumulativeOperatingHours; idle time is part of operating time");
        }
        check.quantity("cumulativeFuelUsed", item.cumulativeFuelUsed(), Units.VOLUME);
        check.quantity("odometer", item.odometer(), Units.DISTANCE);
        check.quantity("cumulativePayload", item.cumulativePayload(), Units.MASS);
        check.optionalRange("fuelRemainingPercent", item.fuelRemainingPercent(), 0, 100);
        check.optionalRange("defRemainingPercent", item.defRemainingPercent(), 0, 100);
        Long loadCount = item.cumulativeLoadCount();
        if (loadCount != null && (loadCount < 0 || loadCount > MAX_LOAD_COUNT)) {
            check.fail("cumulativeLoadCount", "must be between 0 and " + MAX_LOAD_COUNT + ", was " + loadCount);
        }
        if (item.location() != null) {
            check.range("location.latitude", item.location().latitude(), -90, 90);
            check.range("location.longitude", item.location().longitude(), -180, 180);
            check.optionalRange("location.altitudeMeters", item.location().altitudeMeters(), MIN_ALTITUDE,
                    MAX_ALTITUDE);
        }
    }

    /**
     * The quarantine reason code (catalogue in the schemas README) of a violation {@link #validate} found in
     * {@code item}, for input that is quarantined because no caller is there to be told.
     */
    public static String reasonCode(Violation violation, TelemetryItem item) {
        String field = fieldOf(violation);
        if (item == null) {
            return ReasonCode.SCHEMA_VIOLATION;
        }
        if (field.equals("readingTime")) {
            return item.readingTime() == null ? ReasonCode.SCHEMA_VIOLATION : ReasonCode.TIMESTAMP_OUT_OF_RANGE;
        }
        if (field.endsWith(".unit")) {
            return ReasonCode.UNSUPPORTED_UNIT;
        }
        if (BOUNDED_VALUES.containsKey(field)) {
            Number value = BOUNDED_VALUES.get(field).apply(item);
            if (value == null) {
                return ReasonCode.SCHEMA_VIOLATION;
            }
            return value.doubleValue() < 0 ? ReasonCode.NEGATIVE_VALUE : ReasonCode.VALUE_OUT_OF_RANGE;
        }
        if (SIGNED_VALUES.containsKey(field)) {
            return SIGNED_VALUES.get(field).apply(item) == null
                    ? ReasonCode.SCHEMA_VIOLATION
                    : ReasonCode.VALUE_OUT_OF_RANGE;
        }
        if (field.equals("readingId") && item.readingId() != null && !item.readingId().isBlank()
                && item.readingId().length() <= MAX_ID_LENGTH) {
            return ReasonCode.DUPLICATE_ID;
        }
        return ReasonCode.SCHEMA_VIOLATION;
    }

    /** The violation's field relative to its reading ({@code readings[3].odometer.unit} is {@code odometer.unit}). */
    public static String fieldOf(Violation violation) {
        String path = violation.field();
        int item = path.indexOf("].");
        if (item >= 0) {
            return path.substring(item + 2);
        }
        return path.endsWith("]") ? "" : path;
    }
}
