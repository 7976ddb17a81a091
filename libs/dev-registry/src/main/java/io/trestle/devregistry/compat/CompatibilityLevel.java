package io.trestle.devregistry.compat;

import java.util.Optional;

/** The configurations of a COMPATIBILITY rule (also the ccompat compatibility levels). */
public enum CompatibilityLevel {

    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE,
    NONE;

    public static Optional<CompatibilityLevel> parse(String value) {
        for (CompatibilityLevel level : values()) {
            if (level.name().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
