package io.trestle.odooconnector.source.cdc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;
import io.trestle.odooconnector.source.OdooRecord.Reference;
import io.trestle.odooconnector.source.cdc.RowMapper.Row;

/**
 * Completes rows with what their change events do not carry, by plain queries on the same database: the names of
 * many2one targets (one query per target table per transaction) and TOASTed text an UPDATE left unchanged (rare: only
 * values of kilobytes are TOASTed). Names are of the target row's {@code name} column, in the configured language when
 * translatable; a target table the connector may not read leaves its names null.
 */
final class LookupQueries implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LookupQueries.class);

    private final PostgresTarget target;
    private final RowMapper mapper;
    private final Translations translations;
    private Connection connection;
    /* Target table → its name column is translatable jsonb; only tables the connector may read. */
    private Map<String, Boolean> nameTables;

    LookupQueries(PostgresTarget target, RowMapper mapper, Translations translations) {
        this.target = target;
        this.mapper = mapper;
        this.translations = translations;
    }

    /** The records of the rows, with lacking columns read back and many2one names filled in. */
    List<OdooRecord> complete(Collection<Row> rows) {
        return withConnection(() -> {
            List<OdooRecord> records = new ArrayList<>(rows.size());
            for (Row row : rows) {
                records.add(row.unavailable().isEmpty() ? row.record() : readBack(row));
            }
            return withAssignees(withNames(records));
        });
    }

    @Override
    public void close() {
        closeConnection();
    }

    private OdooRecord readBack(Row row) throws SQLException {
        OdooRecord record = row.record();
        String sql = "SELECT " + String.join(", ", row.unavailable()) + " FROM "
                + CapturedColumns.qualified(record.model()) + " WHERE id = ?";
        Map<String, Object> values = new LinkedHashMap<>(record.values());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, record.id());
            try (ResultSet result = statement.executeQuery()) {
                // A row deleted since leaves the columns null; its deletion follows in a later transaction.
                if (result.next()) {
                    ResultSetMetaData meta = result.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        values.put(meta.getColumnName(i), mapper.text(result.getString(i),
                                "jsonb".equals(meta.getColumnTypeName(i))));
                    }
                }
            }
        }
        return new OdooRecord(record.model(), record.id(), values, false);
    }

    private List<OdooRecord> withNames(List<OdooRecord> records) throws SQLException {
        Map<String, Set<Long>> idsByTable = new HashMap<>();
        for (OdooRecord record : records) {
            record.values().forEach((column, value) -> {
                if (value instanceof Reference reference) {
                    nameTable(record.model(), column).ifPresent(
                            table -> idsByTable.computeIfAbsent(table, t -> new TreeSet<>()).add(reference.id()));
                }
            });
        }
        if (idsByTable.isEmpty()) {
            return records;
        }
        Map<String, Map<Long, String>> names = new HashMap<>();
        for (Map.Entry<String, Set<Long>> entry : idsByTable.entrySet()) {
            names.put(entry.getKey(), names(entry.getKey(), entry.getValue()));
        }
        List<OdooRecord> named = new ArrayList<>(records.size());
        for (OdooRecord record : records) {
            Map<String, Object> values = new LinkedHashMap<>(record.values());
            values.replaceAll((column, value) -> value instanceof Reference reference
                    ? nameTable(record.model(), column)
                            .map(table -> new Reference(reference.id(), names.get(table).get(reference.id())))
                            .orElse(reference)
                    : value);
            named.add(new OdooRecord(record.model(), record.id(), values, record.deleted()));
        }
        return named;
    }

    /**
     * Adds the current assignees of every task, read from their relation table: Odoo changes them in the transaction
     * that also writes the task row (its write_date), so the row's change is when they are read.
     */
    private List<OdooRecord> withAssignees(List<OdooRecord> records) throws SQLException {
        Set<Long> tasks = new TreeSet<>();
        for (OdooRecord record : records) {
            if (record.model() == OdooModel.TASK && !record.deleted()) {
                tasks.add(record.id());
            }
        }
        if (tasks.isEmpty()) {
            return records;
        }
        Map<Long, List<Long>> assignees = new HashMap<>();
        tasks.forEach(task -> assignees.put(task, new ArrayList<>()));
        try (PreparedStatement statement = connection.prepareStatement("SELECT task_id, user_id FROM "
                + CapturedColumns.SCHEMA + "." + OdooModel.ASSIGNEE_TABLE
                + " WHERE task_id = ANY(?) ORDER BY task_id, user_id")) {
            statement.setArray(1, connection.createArrayOf("int8", tasks.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    assignees.get(result.getLong(1)).add(result.getLong(2));
                }
            }
        }
        List<OdooRecord> withAssignees = new ArrayList<>(records.size());
        for (OdooRecord record : records) {
            if (assignees.containsKey(record.id()) && record.model() == OdooModel.TASK && !record.deleted()) {
                Map<String, Object> values = new LinkedHashMap<>(record.values());
                values.put(OdooModel.ASSIGNEES, List.copyOf(assignees.get(record.id())));
                withAssignees.add(new OdooRecord(record.model(), record.id(), values, false));
            } else {
                withAssignees.add(record);
            }
        }
        return withAssignees;
    }

    private Optional<String> nameTable(OdooModel model, String column) {
        return CapturedColumns.many2oneTarget(model, column).filter(nameTables::containsKey);
    }

    private Map<Long, String> names(String table, Set<Long> ids) throws SQLException {
        boolean translatable = nameTables.get(table);
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement statement = connection
                .prepareStatement(
                        "SELECT id, name FROM " + CapturedColumns.SCHEMA + "." + table + " WHERE id = ANY(?)")) {
            Array array = connection.createArrayOf("int8", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String name = result.getString(2);
                    names.put(result.getLong(1), translatable && name != null ? translations.resolve(name) : name);
                }
            }
        }
        return names;
    }

    private Map<String, Boolean> readableNameTables() throws SQLException {
        Map<String, Boolean> tables = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT table_name, data_type = 'jsonb' FROM information_schema.columns
                WHERE table_schema = ? AND column_name = 'name' AND table_name = ANY(?)
                  AND has_table_privilege(quote_ident(table_schema) || '.' || quote_ident(table_name), 'SELECT')
                """)) {
            statement.setString(1, CapturedColumns.SCHEMA);
            statement.setArray(2,
                    connection.createArrayOf("text", CapturedColumns.many2oneTargetTables().toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    tables.put(result.getString(1), result.getBoolean(2));
                }
            }
        }
        List<String> unnamed = new ArrayList<>(CapturedColumns.many2oneTargetTables());
        unnamed.removeAll(tables.keySet());
        if (!unnamed.isEmpty()) {
            LOG.infof("References to %s are published without names: the tables are missing or %s may not read them",
                    unnamed, target.user());
        }
        return tables;
    }

    private interface Query<T> {

        T run() throws SQLException;
    }

    /* One retry on a fresh connection: the database may have restarted or dropped an idle connection. */
    private <T> T withConnection(Query<T> query) {
        SQLException first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (connection == null) {
                    connection = target.connect();
                    if (nameTables == null) {
                        nameTables = readableNameTables();
                    }
                }
                return query.run();
            } catch (SQLException e) {
                closeConnection();
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw new IllegalStateException("Reading names from Odoo's PostgreSQL at " + target + " failed", first);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf(e, "Closing the lookup connection to %s failed", target);
            }
            connection = null;
        }
    }
}
