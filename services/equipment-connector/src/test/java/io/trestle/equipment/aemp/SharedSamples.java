package io.trestle.equipment.aemp;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The vendors' published samples in {@code shared/data/telematics} beside the checkout. A test reading one is skipped
 * when the folder is not there; the project's own fixtures cover every case without it.
 */
public final class SharedSamples {

    private static final Optional<Path> DIR = find();

    private SharedSamples() {
    }

    /** Skips the calling test when the samples are absent. */
    public static String read(String name) {
        try {
            return Files.readString(dir().resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips the calling test when the samples are absent. */
    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path dir() {
        assumeThat(DIR).as("shared/data/telematics beside the checkout").isPresent();
        return DIR.get();
    }

    /** The folder sits beside the checkout, whose depth below it differs between worktrees. */
    private static Optional<Path> find() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/telematics");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
