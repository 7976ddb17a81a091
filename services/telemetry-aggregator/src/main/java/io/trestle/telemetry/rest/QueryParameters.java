package io.trestle.telemetry.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.trestle.rest.Violation;
import io.trestle.telemetry.query.DateRange;
import io.trestle.telemetry.query.RetainedDays;

/** Reads the query parameters, naming every one that is missing or wrong at once. */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private QueryParameters() {
    }

    /** {@code from} and {@code to}: UTC days, both included, at most {@code maxDays} apart, all still retained. */
    static DateRange range(String from, String to, int maxDays, RetainedDays retained) {
        List<Violation> violations = new ArrayList<>();
        LocalDate start = date("from", from, violations);
        LocalDate end = date("to", to, violations);
        if (violations.isEmpty()) {
            if (start.isAfter(end)) {
                violations.add(Violation.ofRequest("from", "from " + start + " is after to " + end));
            } else if (new DateRange(start, end).days() > maxDays) {
                violations.add(Violation.ofRequest("to", "the range spans " + new DateRange(start, end).days()
                        + " days; at most " + maxDays + " are answered at once"));
            }
            requireRetained("from", start, retained, violations);
        }
        requireNone(violations);
        return new DateRange(start, end);
    }

    static LocalDate day(String name, String value, RetainedDays retained) {
        List<Violation> violations = new ArrayList<>();
        LocalDate day = date(name, value, violations);
        if (day != null) {
            requireRetained(name, day, retained, violations);
        }
        requireNone(violations);
        return day;
    }

    private static void requireRetained(String name, LocalDate day, RetainedDays retained,
            List<Violation> violations) {
        if (day.isBefore(retained.first())) {
            violations.add(Violation.ofRequest(name, retained.whyNotAnswered(day)));
        }
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new InvalidQuery(List.of(Violation.ofRequest("limit",
                "'" + abbreviate(value) + "' is not a whole number from 1 to " + MAX_LIMIT)));
    }

    private static LocalDate date(String name, String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.ofRequest(name, "required: a UTC day as YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(Violation.ofRequest(name, "'" + abbreviate(value) + "' is not a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static void requireNone(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidQuery(violations);
        }
    }

    /** A refused value is quoted back only in part: it could be anything. */
    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
