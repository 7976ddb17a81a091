package io.trestle.odoo.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between Java values and the shapes Odoo's external API uses: many2one values read as
 * {@code [id, "display name"]} or {@code false}, dates as {@code YYYY-MM-DD}, datetimes as naive UTC
 * {@code YYYY-MM-DD HH:MM:SS}.
 */
public final class OdooValues {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OdooValues() {
    }

    /** The id of a many2one value as read ({@code [id, "name"]}, a bare id, or {@code false}/null when unset). */
    public static Optional<Long> many2oneId(Object value) {
        if (value instanceof List<?> pair && !pair.isEmpty() && pair.get(0) instanceof Number id) {
            return Optional.of(id.longValue());
        }
        if (value instanceof Number id) {
            return Optional.of(id.longValue());
        }
        if (value == null || Boolean.FALSE.equals(value)) {
            return Optional.empty();
        }
        throw new IllegalArgumentException("not a many2one value: " + value);
    }

    /** The display name of a many2one value as read, empty when unset. */
    public static Optional<String> many2oneName(Object value) {
        if (value instanceof List<?> pair && pair.size() > 1 && pair.get(1) instanceof String name) {
            return Optional.of(name);
        }
        many2oneId(value); // throws for anything that is no many2one value
        return Optional.empty();
    }

    /** A datetime as Odoo stores it: UTC without offset, to the second. */
    public static String datetime(Instant instant) {
        return DATETIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Parses an Odoo datetime (naive UTC); {@code false}/null mean unset. */
    public static Optional<Instant> parseDatetime(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.parse(value.toString(), DATETIME).toInstant(ZoneOffset.UTC));
    }

    public static String date(LocalDate date) {
        return date.toString();
    }

    /** Parses an Odoo date; {@code false}/null mean unset. */
    public static Optional<LocalDate> parseDate(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.parse(value.toString()));
    }

    /** Odoo reads an empty char, date or relational field as {@code false}; this maps that to null. */
    public static Object orNull(Object value) {
        return Boolean.FALSE.equals(value) ? null : value;
    }
}
