package io.trestle.odooconnector.source.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.trestle.odooconnector.config.ConnectorConfig;

/** Where Odoo's PostgreSQL is and who the connector is there. The password stays out of {@link #toString()}. */
record PostgresTarget(String host, int port, String database, String user, String password) {

    private static final String PREFIX = "trestle.odoo-connector.cdc.";

    static PostgresTarget from(ConnectorConfig.Cdc cdc) {
        return new PostgresTarget(required(cdc.host().orElse(null), "host"), cdc.port(),
                required(cdc.database().orElse(null), "database"), required(cdc.user().orElse(null), "user"),
                cdc.password().orElse(""));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A plain (non-replication) connection, for the checks at start and for reading names. */
    Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "trestle-odoo-connector");
        properties.setProperty("connectTimeout", "10");
        try {
            return DriverManager.getConnection(jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new CdcSetupException("Cannot connect to Odoo's PostgreSQL at " + this + ": " + e.getMessage()
                    + ". Check " + PREFIX + "host/port/database/user/password and that pg_hba.conf admits this host.",
                    e);
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    private static String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new CdcSetupException(PREFIX + property + " is not set; change-data-capture needs it to reach "
                    + "Odoo's PostgreSQL");
        }
        return value;
    }
}
