package io.trestle.equipment.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Quantity;
import io.trestle.equipment.domain.Violation;

/**
 * Checks a whole push batch before anything is published, so that a batch is either accepted entirely or refused with
 * every problem named: a half-accepted batch would leave the caller unable to tell what to resend.
 */
@ApplicationScoped
public class TelemetryValidator {

    static final int MAX_ID_LENGTH = 128;

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
        for (int i = 0; i < batch.readings().size(); i++) {
            TelemetryItem item = batch.readings().get(i);
            ItemChecker check = new ItemChecker(i, item == null ? null : item.readingId(), violations);
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
        check.identifier("assetId", item.assetId());
        if (item.readingTime() == null) {
            check.fail("readingTime", "is required (ISO-8601 instant, e.g. 2026-11-27T08:00:00Z)");
        } else if (item.readingTime().isAfter(clock.instant().plus(maxClockSkew))) {
            check.fail("readingTime", "lies in the future (" + item.readingTime() + "); check the device clock");
        }
        if (!item.hasMeasurement()) {
            check.fail("", "carries no measurement");
        }
        check.nonNegative("cumulativeOperatingHours", item.cumulativeOperatingHours());
        check.nonNegative("cumulativeIdleHours", item.cumulativeIdleHours());
        if (item.cumulativeOperatingHours() != null && item.cumulativeIdleHours() != null
                && item.cumulativeIdleHours() > item.cumulativeOperatingHours()) {
            check.fail("cumulativeIdleHours", "exceeds cumulativeOperatingHours; idle time is part of operating time");
        }
        check.quantity("cumulativeFuelUsed", item.cumulativeFuelUsed(), Units.VOLUME);
        check.quantity("odometer", item.odometer(), Units.DISTANCE);
        check.quantity("cumulativePayload", item.cumulativePayload(), Units.MASS);
        check.percent("fuelRemainingPercent", item.fuelRemainingPercent());
        check.percent("defRemainingPercent", item.defRemainingPercent());
        if (item.cumulativeLoadCount() != null && item.cumulativeLoadCount() < 0) {
            check.fail("cumulativeLoadCount", "must not be negative");
        }
        if (item.location() != null) {
            check.range("location.latitude", item.location().latitude(), -90, 90);
            check.range("location.longitude", item.location().longitude(), -180, 180);
        }
    }

    /** Collects the violations of one item under its JSON path. */
    private static final class ItemChecker {

        private final int index;
        private final String itemId;
        private final List<Violation> violations;

        ItemChecker(int index, String itemId, List<Violation> violations) {
            this.index = index;
            this.itemId = itemId;
            this.violations = violations;
        }

        void fail(String field, String message) {
            String path = "readings[" + index + "]" + (field.isEmpty() ? "" : "." + field);
            violations.add(new Violation(index, itemId, path, message));
        }

        void identifier(String field, String value) {
            if (value == null || value.isBlank()) {
                fail(field, "is required");
            } else if (value.length() > MAX_ID_LENGTH) {
                fail(field, "is longer than " + MAX_ID_LENGTH + " characters");
            }
        }

        void nonNegative(String field, Double value) {
            if (value != null && (value.isNaN() || value < 0)) {
                fail(field, "must be a number >= 0, was " + value);
            }
        }

        void percent(String field, Double value) {
            if (value != null) {
                range(field, value, 0, 100);
            }
        }

        void range(String field, Double value, double min, double max) {
            if (value == null) {
                fail(field, "is required");
            } else if (value.isNaN() || value < min || value > max) {
                fail(field, "must be between " + min + " and " + max + ", was " + value);
            }
        }

        void quantity(String field, Quantity quantity, Units kind) {
            if (quantity == null) {
                return;
            }
            nonNegative(field + ".value", quantity.value());
            if (quantity.value() == null) {
                fail(field + ".value", "is required");
            }
            if (kind.normalise(quantity.unit()).isEmpty()) {
                fail(field + ".unit", "unit '" + quantity.unit() + "' is not a known " + kind.name().toLowerCase()
                        + " unit");
            }
        }
    }
}
