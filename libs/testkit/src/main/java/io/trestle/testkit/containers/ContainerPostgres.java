package io.trestle.testkit.containers;

import java.io.IOException;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import io.trestle.testkit.postgres.LocalPostgres;
import io.trestle.testkit.postgres.PostgresServer;

/**
 * PostgreSQL in a container, configured like {@link LocalPostgres} ({@code wal_level=logical}, same superuser), by
 * default the {@value #DEFAULT_IMAGE} image ({@value #IMAGE_PROPERTY} overrides it).
 */
public final class ContainerPostgres implements PostgresServer, AutoCloseable {

    public static final String IMAGE_PROPERTY = "trestle.postgres.image";
    public static final String DEFAULT_IMAGE = "postgres:15";

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    public static ContainerPostgres start() {
        DockerAvailability.require("A container PostgreSQL was asked for");
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))
                        .asCompatibleSubstituteFor("postgres"))
                .withUsername(LocalPostgres.USER)
                .withPassword(LocalPostgres.PASSWORD)
                .withDatabaseName("postgres");
        container.withCommand("postgres", "-c", "fsync=off", "-c", "wal_level=logical", "-c",
                "max_replication_slots=10",
                "-c", "max_wal_senders=10");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void createDatabase(String name) {
        try {
            ExecResult result = container.execInContainer("createdb", "--username", username(), name);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("createdb " + name + " failed: " + result.getStderr());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run createdb in the PostgreSQL container", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating database " + name, e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
