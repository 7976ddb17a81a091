package io.trestle.odooconnector.source.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.trestle.odooconnector.source.OdooModel;

/**
 * Checks Odoo's PostgreSQL before Debezium starts, so that a database that cannot be captured fails with a message a
 * person can act on rather than with a Debezium stack trace later: logical WAL, the replication right, the tables and
 * columns, a replica identity, the publication (created or completed here) and the replication slot (Debezium creates
 * it when missing, at the same moment as its snapshot, so the two agree).
 */
final class DatabaseCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseCheck.class);
    private static final String PREFIX = "trestle.odoo-connector.cdc.";
    /*
     * PostgreSQL's rule for slot names; publications are held to it too because pgoutput folds an unquoted publication
     * name to lower case.
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final String PUBLISHED = "insert, update, delete";

    private final PostgresTarget target;
    private final String slot;
    private final String publication;
    private final CapturedColumns columns;

    DatabaseCheck(PostgresTarget target, String slot, String publication, CapturedColumns columns) {
        this.target = target;
        this.slot = validName(slot, "slot");
        this.publication = validName(publication, "publication");
        this.columns = columns;
    }

    /**
     * Runs every check, creating or completing the publication; throws {@link CdcSetupException} on the first failure.
     */
    void run() {
        try (Connection connection = target.connect()) {
            walLevel(connection);
            replicationRight(connection);
            for (OdooModel model : OdooModel.values()) {
                table(connection, model);
            }
            readable(connection, CapturedColumns.SCHEMA + "." + OdooModel.ASSIGNEE_TABLE, "the tasks' assignees");
            publication(connection);
            slot(connection);
        } catch (SQLException e) {
            throw new CdcSetupException("Checking Odoo's PostgreSQL at " + target + " failed: " + e.getMessage(), e);
        }
    }

    private void walLevel(Connection connection) throws SQLException {
        String level = single(connection, "SHOW wal_level");
        if (!"logical".equals(level)) {
            throw new CdcSetupException("Odoo's PostgreSQL at " + target.host() + ":" + target.port()
                    + " runs with wal_level=" + level + ", but change-data-capture needs wal_level=logical. Set it "
                    + "(ALTER SYSTEM SET wal_level = logical; or in postgresql.conf) and restart PostgreSQL, or run "
                    + "the connector with trestle.odoo-connector.mode=POLLING.");
        }
    }

    private void replicationRight(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("""
                SELECT r.rolsuper OR r.rolreplication
                    -- Amazon RDS grants replication through membership in this role instead of the attribute.
                    OR EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication'
                               AND pg_has_role(r.oid, g.oid, 'MEMBER'))
                FROM pg_roles r WHERE r.rolname = current_user
                """)) {
            if (!result.next() || !result.getBoolean(1)) {
                throw new CdcSetupException("User " + target.user() + " may not use logical replication on " + target
                        + ". As a superuser run: ALTER ROLE " + ident(target.user()) + " WITH REPLICATION; "
                        + "(on Amazon RDS: GRANT rds_replication TO " + ident(target.user()) + ";)");
            }
        }
    }

    private void readable(Connection connection, String table, String holding) throws SQLException {
        if (!bool(connection, "SELECT to_regclass(?) IS NOT NULL", table)) {
            throw new CdcSetupException("Table " + table + " (" + holding + ") does not exist in " + target
                    + ": is this Odoo's database, with the project module installed?");
        }
        if (!bool(connection, "SELECT has_table_privilege(?, 'SELECT')", table)) {
            throw new CdcSetupException("User " + target.user() + " may not read " + table + " (" + holding
                    + "). Run: GRANT SELECT ON " + table + " TO " + ident(target.user()) + ";");
        }
    }

    private void table(Connection connection, OdooModel model) throws SQLException {
        String table = CapturedColumns.qualified(model);
        if (!bool(connection, "SELECT to_regclass(?) IS NOT NULL", table)) {
            throw new CdcSetupException("Table " + table + " (" + model.model() + ") does not exist in " + target
                    + ": is this Odoo's database, with the project, hr_timesheet and maintenance modules installed?");
        }
        if (!bool(connection, "SELECT has_table_privilege(?, 'SELECT')", table)) {
            throw new CdcSetupException("User " + target.user() + " may not read " + table + ". Run: GRANT SELECT ON "
                    + table + " TO " + ident(target.user()) + ";");
        }
        Set<String> present = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, CapturedColumns.SCHEMA);
            statement.setString(2, model.table());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    present.add(result.getString(1));
                }
            }
        }
        List<String> missing = columns.of(model).stream().filter(column -> !present.contains(column)).toList();
        if (!missing.isEmpty()) {
            String rate = columns.equipmentRateField().filter(missing::contains)
                    .map(field -> " (" + field + " is trestle.odoo-connector.rates.equipment-field)").orElse("");
            throw new CdcSetupException("Table " + table + " has no column " + String.join(", ", missing) + rate
                    + ": the connector reads the fields of Odoo 17.");
        }
        if (!bool(connection, """
                SELECT c.relreplident = 'f' OR c.relreplident = 'i'
                    OR (c.relreplident = 'd' AND EXISTS (SELECT 1 FROM pg_index i
                                                         WHERE i.indrelid = c.oid AND i.indisprimary))
                FROM pg_class c WHERE c.oid = ?::regclass
                """, table)) {
            throw new CdcSetupException("Table " + table + " has no replica identity: once published, PostgreSQL "
                    + "would refuse Odoo's UPDATE and DELETE on it. Give it a primary key on id, or run: ALTER TABLE "
                    + table + " REPLICA IDENTITY FULL;");
        }
    }

    private void publication(Connection connection) throws SQLException {
        List<String> tables = Stream.of(OdooModel.values()).map(CapturedColumns::qualified).toList();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT puballtables, pubinsert AND pubupdate AND pubdelete FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, publication);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    change(connection, "CREATE PUBLICATION " + publication + " FOR TABLE " + String.join(", ", tables)
                            + " WITH (publish = '" + PUBLISHED + "')", "create the publication");
                    LOG.infof("Created publication %s of %s in %s", publication, tables, target);
                    return;
                }
                if (!result.getBoolean(2)) {
                    change(connection, "ALTER PUBLICATION " + publication + " SET (publish = '" + PUBLISHED + "')",
                            "make the publication publish inserts, updates and deletes");
                }
                if (result.getBoolean(1)) {
                    return;
                }
            }
        }
        List<String> missing = new ArrayList<>(tables);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ?")) {
            statement.setString(1, publication);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    missing.remove(result.getString(1));
                }
            }
        }
        if (!missing.isEmpty()) {
            change(connection, "ALTER PUBLICATION " + publication + " ADD TABLE " + String.join(", ", missing),
                    "add the missing tables to the publication");
            LOG.infof("Added %s to publication %s in %s", missing, publication, target);
        }
    }

    private void slot(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT plugin, database, active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slot);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    String plugin = result.getString(1);
                    String database = result.getString(2);
                    if (!"pgoutput".equals(plugin) || !target.database().equals(database)) {
                        throw new CdcSetupException("Replication slot " + slot + " already exists for "
                                + (plugin == null
                                        ? "physical replication"
                                        : "plugin " + plugin + " on database "
                                                + database)
                                + ", but the connector needs a pgoutput slot on " + target.database()
                                + ". Drop it (SELECT pg_drop_replication_slot('" + slot + "');) if nothing uses it, "
                                + "or set " + PREFIX + "slot to another name.");
                    }
                    int activePid = result.getInt(3);
                    if (!result.wasNull()) {
                        LOG.warnf("Replication slot %s is in use by server process %d; Debezium retries until it is "
                                + "free. Is another instance of the connector running?", slot, activePid);
                    }
                    LOG.infof("Reusing replication slot %s in %s", slot, target);
                    return;
                }
            }
        }
        String free = single(connection, "SELECT current_setting('max_replication_slots')::int - count(*) "
                + "FROM pg_replication_slots");
        if (Integer.parseInt(free) <= 0) {
            throw new CdcSetupException("Every replication slot of Odoo's PostgreSQL at " + target.host() + ":"
                    + target.port() + " is taken, so slot " + slot + " cannot be created. Drop unused ones "
                    + "(SELECT slot_name, active FROM pg_replication_slots;) or raise max_replication_slots and restart "
                    + "PostgreSQL.");
        }
        LOG.infof("Replication slot %s does not exist in %s yet; Debezium creates it", slot, target);
    }

    private void change(Connection connection, String sql, String purpose) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new CdcSetupException("User " + target.user() + " may not " + purpose + " in " + target + " ("
                        + e.getMessage() + "). Run as the owner of Odoo's tables: " + sql + ";", e);
            }
            throw e;
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static boolean bool(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String validName(String name, String property) {
        if (!NAME.matcher(name).matches()) {
            throw new CdcSetupException(PREFIX + property + " '" + name + "' must be 1 to 63 lower case letters, "
                    + "digits and underscores");
        }
        return name;
    }
}
