package io.trestle.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trestle.testkit.SmokeChecks;

/** Skipped, with the reason, where no PostgreSQL binaries are installed: LocalPostgres.start() aborts the test. */
class LocalPostgresTest {

    private static LocalPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void servesLogicalReplicationToTheSuperuser() throws Exception {
        SmokeChecks.logicalReplication(postgres);
    }

    @Test
    void createdDatabasesAcceptThePasswordOverTcp() throws Exception {
        postgres.createDatabase("odoo");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("odoo"), postgres.username(),
                postgres.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database(), current_user, inet_server_addr()")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("odoo");
            assertThat(row.getString(2)).isEqualTo(LocalPostgres.USER);
            assertThat(row.getString(3)).isEqualTo("127.0.0.1");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("odoo"), postgres.username(), "wrong"))
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void closeStopsTheServerAndLeavesNoFolderBehind() throws Exception {
        long foldersBefore = postgresFolders();
        LocalPostgres another = LocalPostgres.start();
        int port = another.port();
        assertThat(postgresFolders()).isEqualTo(foldersBefore + 1);

        another.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(another.host(), port), 1000);
            }
        }).hasMessageContaining("Connection refused");
        assertThat(postgresFolders()).isEqualTo(foldersBefore);
    }

    private static long postgresFolders() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("trestle-pg-")).count();
        }
    }
}
