package io.trestle.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where things are: the repository (built runtimes and services), the state folder of this run (broker data, logs, pid
 * files; emptied at the start of every run) and the Java that runs everything.
 */
public record BenchHome(Path repository, Path state, String java) {

    /** Marks a state folder as the benchmark's, so a folder it did not create is never emptied. */
    private static final String MARKER = ".trestle-bench";

    public static BenchHome prepare(Path repository, Path state) throws IOException {
        if (Files.exists(state)) {
            try (Stream<Path> entries = Files.list(state)) {
                if (entries.findAny().isPresent() && !Files.exists(state.resolve(MARKER))) {
                    throw new IllegalStateException(state + " is not empty and not a benchmark state folder (no "
                            + MARKER + "); not deleting it");
                }
            }
            try (Stream<Path> paths = Files.walk(state)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(state);
        Files.writeString(state.resolve(MARKER), "State of bench/run-benchmark.sh; emptied at every run.\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        return new BenchHome(repository.toAbsolutePath().normalize(), state.toAbsolutePath().normalize(), java);
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path pids() {
        return state.resolve("pids");
    }

    public Path kafkaLib() {
        return repository.resolve("deploy/local/target/kafka-lib");
    }

    public Path registryLib() {
        return repository.resolve("deploy/local/target/registry-lib");
    }

    public Path odooLib() {
        return repository.resolve("deploy/local/target/odoo-lib");
    }

    public Path benchLib() {
        return repository.resolve("bench/target/bench-lib");
    }

    public Path serviceJar(String service) {
        return repository.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static String classpath(Path lib) {
        return lib.toAbsolutePath() + "/*";
    }
}
