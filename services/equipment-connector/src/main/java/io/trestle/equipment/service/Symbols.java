package io.trestle.equipment.service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the symbols of the canonical Avro enums from what callers write. Case does not matter. {@code UNKNOWN} exists
 * for readers of a newer schema version; a sender either says what it means or leaves an optional field out.
 */
public final class Symbols {

    static final String UNKNOWN = "UNKNOWN";

    private Symbols() {
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        return accepted(type).stream().filter(symbol -> symbol.name().equals(name)).findFirst();
    }

    /** The symbol of a validated, required value. */
    public static <E extends Enum<E>> E of(Class<E> type, String value) {
        return parse(type, value).orElseThrow(() -> new IllegalArgumentException("unvalidated symbol " + value));
    }

    /** The symbol the caller wrote, or {@code absent} when it wrote none; only for validated values. */
    public static <E extends Enum<E>> E parseOr(Class<E> type, String value, E absent) {
        if (value == null) {
            return absent;
        }
        return of(type, value);
    }

    static <E extends Enum<E>> List<E> accepted(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(symbol -> !symbol.name().equals(UNKNOWN)).toList();
    }
}
