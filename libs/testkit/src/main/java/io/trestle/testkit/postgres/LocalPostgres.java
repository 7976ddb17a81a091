package io.trestle.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL cluster for one test run, made from the installed server binaries (see
 * {@link PostgresBinaries}): a fresh data directory in a temporary folder, listening on a free port on 127.0.0.1, with
 * {@code wal_level=logical} for Debezium. The superuser {@value #USER} logs in with password {@value #PASSWORD}.
 * <p>
 * PostgreSQL refuses to run as root, so when the JVM is root (as in CI) the server runs as the OS user
 * {@value #OS_USER_WHEN_ROOT} through {@code runuser}, owning its folder. {@link #close()} stops the server and deletes
 * the folder; a shutdown hook does the same if a test run ends without closing it.
 *
 * <pre>{@code
 * try (LocalPostgres postgres = LocalPostgres.start()) {
 *     postgres.createDatabase("odoo");
 *     Connection connection = DriverManager.getConnection(postgres.jdbcUrl("odoo"), postgres.username(),
 *             postgres.password());
 * }
 * }</pre>
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {

    public static final String USER = "trestle";
    public static final String PASSWORD = "trestle";

    private static final String OS_USER_WHEN_ROOT = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

    private final Path bin;
    private final Path baseDirectory;
    private final String runAs;
    private final int port;
    private final Thread cleanupAtExit = new Thread(this::stopAndDelete, "trestle-postgres-cleanup");
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalPostgres(Path bin, Path baseDirectory, String runAs, int port) {
        this.bin = bin;
        this.baseDirectory = baseDirectory;
        this.runAs = runAs;
        this.port = port;
    }

    /**
     * Creates and starts a cluster; takes one to three seconds. Aborts the calling test (a JUnit assumption, so it is
     * reported as skipped) when no PostgreSQL binaries are installed.
     */
    public static LocalPostgres start() {
        Path bin = PostgresBinaries.locate().orElse(null);
        Assumptions.assumeTrue(bin != null, PostgresBinaries::missingMessage);
        long started = System.nanoTime();
        String runAs = OsUser.isRoot() ? OS_USER_WHEN_ROOT : null;
        LocalPostgres postgres = new LocalPostgres(bin, createBaseDirectory(runAs), runAs, freePort());
        Runtime.getRuntime().addShutdownHook(postgres.cleanupAtExit);
        try {
            postgres.initialize();
            postgres.startServer();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        LOG.info("PostgreSQL from {} ready on {}:{} in {} ms", bin, HOST, postgres.port,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return postgres;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public void createDatabase(String name) {
        client(List.of(program("createdb"), "--host", HOST, "--port", String.valueOf(port), "--username", USER, name))
                .run(COMMAND_TIMEOUT);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its folder. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or about to run; it does the same work.
        }
        stopAndDelete();
    }

    private void initialize() {
        Path passwordFile = baseDirectory.resolve("password");
        write(passwordFile, PASSWORD);
        server(List.of(program("initdb"), "--pgdata", dataDirectory().toString(), "--username", USER,
                "--pwfile", passwordFile.toString(), "--auth-local=trust", "--auth-host=scram-sha-256",
                "--encoding=UTF8", "--no-locale", "--no-sync")).run(COMMAND_TIMEOUT);
        delete(passwordFile);
        append(dataDirectory().resolve("postgresql.conf"), String.join("\n", "",
                "# Added by the Trestle testkit",
                "listen_addresses = '" + HOST + "'",
                "port = " + port,
                "unix_socket_directories = '" + baseDirectory + "'",
                "wal_level = logical",
                "max_replication_slots = 10",
                "max_wal_senders = 10",
                // Durability is worthless for a throw-away test cluster; these make it start and write faster.
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                ""));
    }

    private void startServer() {
        try {
            server(List.of(program("pg_ctl"), "--pgdata", dataDirectory().toString(), "--log", logFile().toString(),
                    "--wait", "--timeout", String.valueOf(COMMAND_TIMEOUT.toSeconds()), "start")).run(COMMAND_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nServer log " + logFile() + ":\n" + readLog(), e);
        }
    }

    private void stopAndDelete() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
                server(List.of(program("pg_ctl"), "--pgdata", dataDirectory().toString(), "--mode", "fast", "--wait",
                        "stop")).run(COMMAND_TIMEOUT);
            }
        } finally {
            deleteRecursively(baseDirectory);
        }
    }

    private OsCommand server(List<String> program) {
        return OsCommand.of(runAs, baseDirectory, Map.of(), program);
    }

    /** Client programs may run as root; they authenticate over TCP like any application would. */
    private OsCommand client(List<String> program) {
        return OsCommand.of(null, baseDirectory, Map.of("PGPASSWORD", PASSWORD), program);
    }

    private String program(String name) {
        return bin.resolve(name).toString();
    }

    private Path dataDirectory() {
        return baseDirectory.resolve("data");
    }

    private Path logFile() {
        return baseDirectory.resolve("postgres.log");
    }

    private String readLog() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "(no log written)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static Path createBaseDirectory(String owner) {
        try {
            Path directory = Files.createTempDirectory("trestle-pg-");
            if (owner != null) {
                OsUser.handOver(directory, owner);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for PostgreSQL", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for PostgreSQL", e);
        }
    }

    private void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            if (runAs != null) {
                OsUser.handOver(file, runAs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the PostgreSQL folder {}", directory, e);
        }
    }
}
