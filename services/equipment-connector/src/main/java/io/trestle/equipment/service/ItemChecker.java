package io.trestle.equipment.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.domain.TelemetryItem.Quantity;
import io.trestle.rest.Violation;

/** Collects the violations of one item of a batch, each under its JSON path ({@code items[3].assetId}). */
public final class ItemChecker {

    static final int MAX_ID_LENGTH = 128;
    /** Free text is for people; more than this is a sender's bug, not a description. */
    static final int MAX_TEXT_LENGTH = 4000;
    /** No source reports facts this old: an earlier time is a clock reset to an epoch (1970, GPS 1980). */
    static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");

    private final String collection;
    private final int index;
    private final String itemId;
    private final List<Violation> violations;
    private final Instant latestPlausible;

    /**
     * @param latestPlausible
     *            the latest time a fact can have happened: now plus the clock skew tolerated
     */
    ItemChecker(String collection, int index, String itemId, List<Violation> violations, Instant latestPlausible) {
        this.collection = collection;
        this.index = index;
        this.itemId = itemId;
        this.violations = violations;
        this.latestPlausible = latestPlausible;
    }

    public void fail(String field, String message) {
        String path = collection + "[" + index + "]" + (field.isEmpty() ? "" : "." + field);
        violations.add(new Violation(index, itemId, path, message));
    }

    public void identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        } else if (value.length() > MAX_ID_LENGTH) {
            fail(field, "is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    /**
     * Exactly one of the canonical asset id and the machine as the platform names it; a machine needs an id the
     * crosswalk maps (PIN or serial number), as the others alone could never resolve.
     */
    public void assetOrMachine(String assetId, EquipmentIdentity machine) {
        if (machine == null) {
            if (assetId == null) {
                fail("assetId", "is required unless machine is given");
            } else {
                identifier("assetId", assetId);
            }
            return;
        }
        if (assetId != null) {
            fail("machine", "must not be given together with assetId; give exactly one of them");
            return;
        }
        if (machine.pin() == null && machine.serialNumber() == null) {
            fail("machine", "needs pin or serialNumber, the ids the crosswalk maps machines by");
        }
        optionalIdentifier("machine.pin", machine.pin());
        optionalIdentifier("machine.serialNumber", machine.serialNumber());
        optionalIdentifier("machine.oemName", machine.oemName());
        optionalIdentifier("machine.model", machine.model());
        optionalIdentifier("machine.equipmentId", machine.equipmentId());
    }

    public void optionalIdentifier(String field, String value) {
        if (value != null) {
            identifier(field, value);
        }
    }

    public void text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
        } else if (value.length() > MAX_TEXT_LENGTH) {
            fail(field, "is longer than " + MAX_TEXT_LENGTH + " characters");
        }
    }

    public void optionalRange(String field, Double value, double min, double max) {
        if (value != null) {
            range(field, value, min, max);
        }
    }

    public void range(String field, Double value, double min, double max) {
        if (value == null) {
            fail(field, "is required");
        } else if (!Double.isFinite(value)) {
            // JSON has no infinity, but a literal like 1e400 overflows to it when parsed.
            fail(field, "must be a finite number, was " + value);
        } else if (value < min || value > max) {
            fail(field, "must be between " + format(min) + " and " + format(max) + ", was " + value);
        }
    }

    public void optionalRange(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            fail(field, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    public void quantity(String field, Quantity quantity, Units kind) {
        if (quantity == null) {
            return;
        }
        range(field + ".value", quantity.value(), 0, TelemetryValidator.MAX_QUANTITY);
        if (kind.normalise(quantity.unit()).isEmpty()) {
            fail(field + ".unit", "unit '" + quantity.unit() + "' is not a known " + kind.name().toLowerCase()
                    + " unit");
        }
    }

    /** One of the enum's symbols other than UNKNOWN, in any case. */
    public <E extends Enum<E>> void symbol(String field, String value, Class<E> type, boolean required) {
        if (value == null) {
            if (required) {
                fail(field, "is required; one of " + symbols(type));
            }
        } else if (Symbols.parse(type, value).isEmpty()) {
            String shown = value.length() > MAX_ID_LENGTH ? value.substring(0, MAX_ID_LENGTH) + "…" : value;
            fail(field, "'" + shown + "' is not one of " + symbols(type));
        }
    }

    /** A time something already happened at the source: required, not before 2000 and not in the future. */
    public void happened(String field, Instant value) {
        if (instant(field, value, true) && value.isAfter(latestPlausible)) {
            fail(field, "lies in the future (" + value + "); check the sender's clock");
        }
    }

    /**
     * A time that may lie in the future, e.g. a planned start; only times before 2000 are refused.
     *
     * @return whether the value is present and plausible
     */
    public boolean instant(String field, Instant value, boolean required) {
        if (value == null) {
            if (required) {
                fail(field, "is required (ISO-8601 instant, e.g. 2026-11-27T08:00:00Z)");
            }
            return false;
        }
        if (value.isBefore(EARLIEST_TIME)) {
            fail(field, "lies before " + EARLIEST_TIME + " (" + value + "); check the sender's clock");
            return false;
        }
        return true;
    }

    /** {@code later} must lie after {@code earlier}, when both are given. */
    public void after(String laterField, Instant later, String earlierField, Instant earlier) {
        if (later != null && earlier != null && !later.isAfter(earlier)) {
            fail(laterField, "must lie after " + earlierField + " (" + earlier + "), was " + later);
        }
    }

    private static <E extends Enum<E>> String symbols(Class<E> type) {
        return Symbols.accepted(type).stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Bounds as people write them: 100 rather than 100.0, 10000000000 rather than 1.0E10. */
    private static String format(double bound) {
        return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    }
}
