package io.trestle.testkit;

import java.util.Locale;

/**
 * Where the shared test infrastructure runs, chosen by the environment variable {@value #ENV} or the system property
 * {@value #PROPERTY} (which wins): {@code local} (the default) or {@code containers}.
 */
public enum InfrastructureMode {

    /** Kafka and the dev registry inside the test JVM, PostgreSQL from the installed binaries. No Docker needed. */
    LOCAL,

    /** Kafka, Apicurio Registry and PostgreSQL in Testcontainers; fails fast when no Docker daemon is reachable. */
    CONTAINERS;

    public static final String ENV = "TRESTLE_TEST_INFRA";
    public static final String PROPERTY = "trestle.test.infra";

    public static InfrastructureMode current() {
        String value = System.getProperty(PROPERTY, System.getenv(ENV));
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + "=" + value + " is not understood: use local or containers", e);
        }
    }
}
