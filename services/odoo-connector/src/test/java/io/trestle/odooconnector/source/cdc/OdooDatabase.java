package io.trestle.odooconnector.source.cdc;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.testkit.postgres.PostgresServer;

/**
 * A fresh database per test holding Odoo 17's captured tables (the DDL of a real Odoo 17) and the tables their many2one
 * columns point at, on a shared PostgreSQL with logical replication. Replication slots are cluster-wide, so every
 * database gets slot names of its own and {@link #close()} drops them, or WAL would pile up.
 */
final class OdooDatabase implements AutoCloseable {

    private static final List<String> SCRIPTS = List.of("/odoo/odoo17-cdc-tables.sql", "/odoo/odoo17-name-tables.sql");

    private final PostgresServer server;
    private final String name;

    private OdooDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    static OdooDatabase create(PostgresServer server) {
        OdooDatabase database = new OdooDatabase(server, "odoo_" + UUID.randomUUID().toString().substring(0, 8));
        server.createDatabase(database.name);
        for (String script : SCRIPTS) {
            database.execute(read(script));
        }
        return database;
    }

    String name() {
        return name;
    }

    /** A slot name no other test uses. */
    String newSlot() {
        return name + "_" + UUID.randomUUID().toString().substring(0, 4);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(name), server.username(), server.password());
    }

    /** Runs the statements in one transaction, as Odoo runs one API call. */
    void execute(String... statements) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row the query returns, as text. */
    List<String> query(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The connector's configuration for this database, as the superuser unless the extra settings say otherwise. */
    ConnectorConfig config(String slot, String positionsTopic, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("trestle.odoo-connector.mode", "CDC");
        properties.put("trestle.odoo-connector.cdc.host", server.host());
        properties.put("trestle.odoo-connector.cdc.port", String.valueOf(server.port()));
        properties.put("trestle.odoo-connector.cdc.database", name);
        properties.put("trestle.odoo-connector.cdc.user", server.username());
        properties.put("trestle.odoo-connector.cdc.password", server.password());
        properties.put("trestle.odoo-connector.cdc.slot", slot);
        properties.put("trestle.odoo-connector.cdc.heartbeat", "PT1S");
        properties.put("trestle.odoo-connector.topics.positions", positionsTopic);
        properties.putAll(extra);
        return connectorConfig(properties);
    }

    /** The connector's configuration as the application would read it from these properties. */
    static ConnectorConfig connectorConfig(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(ConnectorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(ConnectorConfig.class);
    }

    @Override
    public void close() {
        dropReplicationSlots();
    }

    /** Drops this database's replication slots once their connections have ended. */
    void dropReplicationSlots() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> query("SELECT count(*) FROM pg_replication_slots WHERE database = ? AND active", name)
                        .get(0).equals("0"));
        execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '" + name + "'");
    }

    private static String read(String resource) {
        try (InputStream in = OdooDatabase.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
