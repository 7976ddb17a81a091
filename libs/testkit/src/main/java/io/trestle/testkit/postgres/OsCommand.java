package io.trestle.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion with a deadline, optionally as another OS user. Output goes to a file, never a pipe:
 * {@code pg_ctl start} leaves the server running with the inherited descriptors, so reading a pipe to its end would
 * block until the server stops.
 */
final class OsCommand {

    private final List<String> command;
    private final Path workingDirectory;
    private final Map<String, String> environment;

    private OsCommand(List<String> command, Path workingDirectory, Map<String, String> environment) {
        this.command = command;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    /**
     * @param runAs
     *            the OS user to run as through {@code runuser}, or null for the current user
     */
    static OsCommand of(String runAs, Path workingDirectory, Map<String, String> environment, List<String> program) {
        List<String> command = new ArrayList<>();
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.addAll(program);
        return new OsCommand(List.copyOf(command), workingDirectory, environment);
    }

    /** Runs the command; fails with its output when it exits non-zero or overruns the timeout. */
    String run(Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("trestle-command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(this + " did not finish within " + timeout + ":\n" + read(output));
            }
            String text = read(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(this + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + this, e);
        } finally {
            deleteQuietly(output);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover log in the temp directory is harmless.
        }
    }
}
