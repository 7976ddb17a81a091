package io.trestle.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a client may do on an API: {@link #READ} look (queries, inspection, dry runs), {@link #WRITE} also publish or
 * change. Two roles rather than one per endpoint, so a deployment grants by intent and a new endpoint needs no new
 * configuration.
 */
public enum Role {

    READ,
    /** Implies {@link #READ}: a client that may change things may also look at them. */
    WRITE;

    /** Whether a client with this role may call an endpoint that needs {@code needed}. */
    public boolean includes(Role needed) {
        return this == WRITE || needed == READ;
    }

    /** E.g. {@code read}: how the role is written in configuration, problem documents and logs. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role written as {@code value}, ignoring case and surrounding blanks. */
    public static Optional<Role> of(String value) {
        return Arrays.stream(values()).filter(role -> role.tag().equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** For messages: {@code read, write}. */
    static String accepted() {
        return Arrays.stream(values()).map(Role::tag).collect(Collectors.joining(", "));
    }
}
