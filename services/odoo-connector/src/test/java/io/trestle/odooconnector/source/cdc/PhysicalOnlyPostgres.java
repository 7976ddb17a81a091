package io.trestle.odooconnector.source.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import io.trestle.testkit.postgres.PostgresBinaries;

/**
 * A PostgreSQL with {@code wal_level=replica}, PostgreSQL's default, where logical decoding is impossible: the
 * testkit's {@code LocalPostgres} always runs with {@code wal_level=logical}. Trusts every local connection; user
 * {@value #USER}, database {@code postgres}. When the JVM is root, the server runs as the OS user {@code postgres}, as
 * PostgreSQL refuses root.
 */
final class PhysicalOnlyPostgres implements AutoCloseable {

    static final String USER = "trestle";
    static final String HOST = "127.0.0.1";

    private final Path bin;
    private final Path directory;
    private final String runAs;
    private final int port;

    private PhysicalOnlyPostgres(Path bin, Path directory, String runAs, int port) {
        this.bin = bin;
        this.directory = directory;
        this.runAs = runAs;
        this.port = port;
    }

    static PhysicalOnlyPostgres start() throws IOException {
        Path bin = PostgresBinaries.locate().orElse(null);
        Assumptions.assumeTrue(bin != null, "No PostgreSQL server binaries installed");
        String runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
        Path directory = Files.createTempDirectory("trestle-pg-replica-");
        if (runAs != null) {
            Files.setOwner(directory, directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(runAs));
        }
        PhysicalOnlyPostgres postgres = new PhysicalOnlyPostgres(bin, directory, runAs, freePort());
        try {
            postgres.run("initdb", "--pgdata", postgres.data(), "--username", USER, "--auth=trust", "--no-sync");
            postgres.run("pg_ctl", "--pgdata", postgres.data(), "--log", directory.resolve("log").toString(),
                    "--wait", "--options", "-c wal_level=replica -c listen_addresses=" + HOST + " -c port="
                            + postgres.port + " -c unix_socket_directories=" + directory,
                    "start");
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(Path.of(data(), "postmaster.pid"))) {
                run("pg_ctl", "--pgdata", data(), "--mode", "fast", "--wait", "stop");
            }
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("trestle-pg-replica", ".log");
            // Output to a file, not a pipe: the server started by pg_ctl keeps the descriptors it inherits open.
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            String text = Files.readString(output);
            Files.delete(output);
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
