package io.trestle.devregistry.store;

import java.util.Optional;

/** Apicurio's rule types, in the order Apicurio lists and applies them. */
public enum RuleType {

    VALIDITY,
    COMPATIBILITY,
    INTEGRITY;

    public static Optional<RuleType> parse(String value) {
        for (RuleType type : values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
