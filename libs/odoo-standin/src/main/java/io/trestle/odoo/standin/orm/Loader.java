package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.FieldType;
import io.trestle.odoo.standin.model.Model;

/**
 * {@code load(fields, data)}: Odoo's import. Rows with an external id ({@code id} column, {@code module.name}) are
 * upserted through ir.model.data; cell problems and database constraint violations become per-row {@code messages}
 * instead of errors; any error discards the whole call's changes and answers {@code ids: false}.
 */
final class Loader {

    private static final String DEFAULT_MODULE = "__import__";

    /** One column of the import: the target field, and how a relational cell names its record. */
    private record Column(String path, Field field, String reference) {
    }

    /** A converted row, ready to be written. */
    private record Pending(int index, String xmlId, Integer databaseId, Map<String, Object> values) {

        Map<String, Object> info() {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("rows", rows(index));
            info.put("record", index);
            return info;
        }
    }

    private final Orm orm;
    private final ImportConverter converter;

    Loader(Orm orm) {
        this.orm = orm;
        this.converter = new ImportConverter(orm);
    }

    Map<String, Object> load(Env env, Model model, Object fieldsArgument, Object dataArgument) {
        List<Column> columns = columns(model, fieldsArgument);
        if (!(dataArgument instanceof List<?> data)) {
            throw OdooError.typeError("load() expects data as a list of rows, not " + Values.pythonType(dataArgument));
        }
        Transaction tx = env.transaction();
        int start = tx.savepoint();
        List<Map<String, Object>> messages = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (int index = 0; index < data.size(); index++) {
            if (!(data.get(index) instanceof List<?> cells)) {
                throw OdooError.typeError("load() expects each row as a list of cells");
            }
            pending.add(convertRow(env, index, columns, cells, messages));
        }

        List<Integer> ids = new ArrayList<>();
        int batch = tx.savepoint();
        try {
            for (Pending row : pending) {
                ids.add(loadRecord(env, model, row));
            }
        } catch (OdooError e) {
            if (e.importMessage().isEmpty()) {
                throw e;
            }
            // As Odoo: the batch failed in the database, so retry record by record to report each failure.
            tx.rollbackTo(batch);
            ids.clear();
            for (Pending row : pending) {
                int savepoint = tx.savepoint();
                try {
                    ids.add(loadRecord(env, model, row));
                } catch (OdooError failure) {
                    tx.rollbackTo(savepoint);
                    messages.add(recordMessage(row, failure));
                }
            }
        }

        boolean failed = messages.stream().anyMatch(message -> "error".equals(message.get("type")));
        if (failed) {
            tx.rollbackTo(start);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ids", failed ? false : ids);
        result.put("messages", messages);
        result.put("nextrow", 0);
        return result;
    }

    private static List<Column> columns(Model model, Object fieldsArgument) {
        if (!(fieldsArgument instanceof List<?> paths)) {
            throw OdooError.typeError("load() expects fields as a list of field names");
        }
        List<Column> columns = new ArrayList<>();
        for (Object item : paths) {
            String path = String.valueOf(item);
            String[] parts = path.split("/");
            if (path.equals("id") || path.equals(".id")) {
                columns.add(new Column(path, null, null));
                continue;
            }
            Field field = model.field(parts[0]).orElseThrow(() -> OdooError.keyError(parts[0]));
            String reference = parts.length > 1 ? parts[1] : null;
            if (field.type() == FieldType.ONE2MANY || parts.length > 2
                    || reference != null && !(reference.equals("id") || reference.equals(".id"))) {
                throw OdooError.notImplemented("The Odoo stand-in's load does not import sub-fields (" + path + ")");
            }
            if (reference != null && !field.type().isRelational()) {
                throw OdooError.keyError(reference);
            }
            columns.add(new Column(path, field, reference));
        }
        return columns;
    }

    private Pending convertRow(Env env, int index, List<Column> columns, List<?> cells,
            List<Map<String, Object>> messages) {
        String xmlId = null;
        Integer databaseId = null;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            Object cell = c < cells.size() ? cells.get(c) : "";
            if (column.field() == null) {
                if (Values.truthy(cell) && column.path().equals("id")) {
                    String text = String.valueOf(cell);
                    xmlId = text.contains(".") ? text : DEFAULT_MODULE + "." + text;
                } else if (Values.truthy(cell)) {
                    databaseId = Values.pythonInt(cell);
                }
                continue;
            }
            if (!Values.truthy(cell)) {
                values.put(column.field().name(), false);
                continue;
            }
            try {
                ImportConverter.Converted converted = converter.convert(env, column.field(), column.reference(), cell);
                values.put(column.field().name(), converted.value());
                converted.warning().ifPresent(w -> messages.add(cellMessage(index, column.field(), w)));
            } catch (ImportConverter.ProblemException e) {
                messages.add(cellMessage(index, column.field(), e.problem()));
            }
        }
        return new Pending(index, xmlId, databaseId, values);
    }

    /** Creates or updates one record; a new record with an external id gets its ir.model.data entry. */
    private int loadRecord(Env env, Model model, Pending row) {
        if (row.xmlId() != null) {
            Table data = orm.table("ir.model.data");
            int dot = row.xmlId().indexOf('.');
            String module = row.xmlId().substring(0, dot);
            String name = row.xmlId().substring(dot + 1);
            Optional<Integer> entryId = data.findByKey(List.of(module, name));
            if (entryId.isPresent()) {
                Map<String, Object> entry = data.row(entryId.get());
                if (!model.name().equals(entry.get("model"))) {
                    throw OdooError.valueError("For external id " + row.xmlId()
                            + " when trying to create/update a record of model " + model.name()
                            + " found record of different model " + entry.get("model") + " (" + entryId.get() + ")");
                }
                int id = (Integer) entry.get("res_id");
                if (orm.table(model.name()).exists(id)) {
                    orm.write(env, model.name(), List.of(id), row.values());
                    return id;
                }
                int created = orm.create(env, model.name(), List.of(row.values())).get(0);
                orm.write(env.sudo(), "ir.model.data", List.of(entryId.get()), Map.of("res_id", created));
                return created;
            }
            int created = orm.create(env, model.name(), List.of(row.values())).get(0);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("module", module);
            entry.put("name", name);
            entry.put("model", model.name());
            entry.put("res_id", created);
            orm.create(env.sudo(), "ir.model.data", List.of(entry));
            return created;
        }
        if (row.databaseId() != null) {
            orm.write(env, model.name(), List.of(row.databaseId()), row.values());
            return row.databaseId();
        }
        return orm.create(env, model.name(), List.of(row.values())).get(0);
    }

    /** A cell problem: {@code rows, type, record, field, message[, moreinfo], field_name}, Odoo's key order. */
    private static Map<String, Object> cellMessage(int index, Field field, ImportConverter.Problem problem) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("rows", rows(index));
        message.put("type", problem.warning() ? "warning" : "error");
        message.put("record", index);
        message.put("field", field.name());
        message.put("message", problem.message());
        if (problem.moreInfo() != null) {
            message.put("moreinfo", problem.moreInfo());
        }
        message.put("field_name", field.label());
        return message;
    }

    /** A record that failed while being written: database violations as Odoo words them, user errors as raised. */
    private static Map<String, Object> recordMessage(Pending row, OdooError failure) {
        Map<String, Object> message = row.info();
        message.put("type", "error");
        if (failure.importMessage().isPresent()) {
            Map<String, Object> details = failure.importMessage().get();
            message.put("message", details.get("message"));
            if (details.containsKey("field")) {
                message.put("field", details.get("field"));
            }
        } else if (failure.pythonClass().startsWith("odoo.exceptions.")) {
            message.put("message", failure.odooMessage());
        } else {
            String pythonClass = failure.pythonClass().startsWith("builtins.")
                    ? failure.pythonClass().substring("builtins.".length())
                    : failure.pythonClass();
            message.put("message", "Unknown error during import: <class '" + pythonClass + "'>: "
                    + failure.odooMessage());
            message.put("moreinfo", "Resolve other errors first");
        }
        return message;
    }

    private static Map<String, Object> rows(int index) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("from", index);
        rows.put("to", index);
        return rows;
    }
}
