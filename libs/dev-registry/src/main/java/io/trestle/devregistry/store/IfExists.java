package io.trestle.devregistry.store;

import java.util.Optional;

/** What {@code POST /groups/{g}/artifacts} does when the artifact already exists ({@code ifExists} query parameter). */
public enum IfExists {

    FAIL,
    CREATE_VERSION,
    FIND_OR_CREATE_VERSION;

    public static Optional<IfExists> parse(String value) {
        for (IfExists option : values()) {
            if (option.name().equals(value)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
