package io.trestle.odoo.standin;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the stand-in.
 *
 * @param host
 *            the address to listen on
 * @param port
 *            0 for an ephemeral port
 * @param database
 *            the one database the server has (the recording's {@code constr} by default)
 * @param adminApiKey
 *            an API key of the admin user; it works wherever admin's password ({@code admin}) does, and is the only
 *            credential JSON-2 accepts
 * @param latency
 *            added to every answer, to make the stand-in as slow as a real Odoo
 * @param clock
 *            stamps {@code create_date}, {@code write_date} and default dates
 * @param enterprisePlanning
 *            whether the database also has Odoo Enterprise's planning module ({@code planning.slot}); without it the
 *            stand-in is the recorded Community server, to which {@code planning.slot} is an unknown model
 */
public record OdooStandInOptions(String host, int port, String database, String adminApiKey, Duration latency,
        Clock clock, boolean enterprisePlanning) {

    /** A fixed, well-known key: the stand-in guards nothing of value, and the local stack needs a known value. */
    public static final String DEFAULT_ADMIN_API_KEY = "7374616e642d696e2061646d696e206b65792031";

    public OdooStandInOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(adminApiKey, "adminApiKey");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        if (adminApiKey.isBlank()) {
            throw new IllegalArgumentException("adminApiKey must not be blank");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, not " + latency);
        }
    }

    /**
     * 127.0.0.1, an ephemeral port, database {@code constr}, {@link #DEFAULT_ADMIN_API_KEY}, no latency, Community (no
     * planning module).
     */
    public static OdooStandInOptions defaults() {
        return new OdooStandInOptions("127.0.0.1", 0, "constr", DEFAULT_ADMIN_API_KEY, Duration.ZERO,
                Clock.systemUTC(), false);
    }

    public OdooStandInOptions withHost(String value) {
        return new OdooStandInOptions(value, port, database, adminApiKey, latency, clock, enterprisePlanning);
    }

    public OdooStandInOptions withPort(int value) {
        return new OdooStandInOptions(host, value, database, adminApiKey, latency, clock, enterprisePlanning);
    }

    public OdooStandInOptions withDatabase(String value) {
        return new OdooStandInOptions(host, port, value, adminApiKey, latency, clock, enterprisePlanning);
    }

    public OdooStandInOptions withAdminApiKey(String value) {
        return new OdooStandInOptions(host, port, database, value, latency, clock, enterprisePlanning);
    }

    public OdooStandInOptions withLatency(Duration value) {
        return new OdooStandInOptions(host, port, database, adminApiKey, value, clock, enterprisePlanning);
    }

    public OdooStandInOptions withClock(Clock value) {
        return new OdooStandInOptions(host, port, database, adminApiKey, latency, value, enterprisePlanning);
    }

    public OdooStandInOptions withEnterprisePlanning(boolean value) {
        return new OdooStandInOptions(host, port, database, adminApiKey, latency, clock, value);
    }
}
