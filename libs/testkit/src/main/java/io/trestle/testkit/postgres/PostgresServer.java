package io.trestle.testkit.postgres;

/** A running PostgreSQL server with {@code wal_level=logical}, reachable with a superuser. */
public interface PostgresServer {

    String host();

    int port();

    /** A superuser, allowed to create databases, publications and replication slots. */
    String username();

    String password();

    /** Creates an empty database owned by {@link #username()}. */
    void createDatabase(String name);

    /** A JDBC URL for a database on this server; credentials are {@link #username()} and {@link #password()}. */
    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }
}
