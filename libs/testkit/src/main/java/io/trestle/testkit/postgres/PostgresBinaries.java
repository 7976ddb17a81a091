package io.trestle.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL server programs ({@code initdb}, {@code pg_ctl}, {@code createdb}): the directory named by
 * {@value #ENV} (or system property {@value #PROPERTY}), otherwise the newest major version installed under
 * {@code /usr/lib/postgresql} (the Debian layout).
 */
public final class PostgresBinaries {

    public static final String ENV = "TRESTLE_PG_BIN";
    public static final String PROPERTY = "trestle.pg.bin";

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    /** The bin directory, or empty when no PostgreSQL server is installed. */
    public static Optional<Path> locate() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (!hasServerPrograms(bin)) {
                throw new IllegalStateException(ENV + "=" + configured + " does not contain initdb and pg_ctl");
            }
            return Optional.of(bin);
        }
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.filter(dir -> majorVersion(dir) >= 0)
                    .max(Comparator.comparingDouble(PostgresBinaries::majorVersion))
                    .map(dir -> dir.resolve("bin"))
                    .filter(PostgresBinaries::hasServerPrograms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Explains how to get binaries, for skip and failure messages. */
    static String missingMessage() {
        return "No PostgreSQL server binaries found under " + DEBIAN_ROOT + " and " + ENV
                + " is not set: install them (apt-get install postgresql) or point " + ENV + " at a bin directory";
    }

    /** Directory names are majors ("15") or, before PostgreSQL 10, major.minor ("9.6"); anything else is -1. */
    private static double majorVersion(Path dir) {
        try {
            return Double.parseDouble(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasServerPrograms(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }
}
