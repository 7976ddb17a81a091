package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.FieldType;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.security.Operation;

/** {@code write} and {@code unlink}: access right, existence (MissingError), record rules, then the change. */
final class Writer {

    private final Orm orm;

    Writer(Orm orm) {
        this.orm = orm;
    }

    void write(Env env, Model model, List<Integer> ids, Map<String, Object> vals) {
        orm.security().checkAccess(env, model, Operation.WRITE);
        if (ids.isEmpty()) {
            return;
        }
        Table table = orm.table(model.name());
        List<Map<String, Object>> rows = existing(env, model, ids);
        orm.security().checkRules(env, model, Operation.WRITE, rows);
        List<Field> fields = new ArrayList<>();
        for (String name : vals.keySet()) {
            fields.add(model.field(name).orElseThrow(() -> Errors.invalidField(model, name)));
        }

        List<Map<String, Object>> updatedRows = new ArrayList<>();
        Map<Integer, Map<Field, List<Object>>> pending = new LinkedHashMap<>();
        for (Map<String, Object> old : rows) {
            int id = (Integer) old.get("id");
            Map<String, Object> updated = new LinkedHashMap<>(old);
            Map<Field, List<Object>> oneToMany = new LinkedHashMap<>();
            Set<String> given = new LinkedHashSet<>();
            for (Field field : fields) {
                if (RowChecks.ignoredInValues(field)) {
                    continue;
                }
                given.add(field.name());
                Object stored = orm.converter().toStored(env, model, field, vals.get(field.name()),
                        old.get(field.name()));
                if (stored instanceof ValueConverter.OneToManyCommands commands) {
                    oneToMany.put(field, commands.commands());
                } else {
                    updated.put(field.name(), stored);
                }
            }
            model.behaviour().computeStored(orm, env, updated, given);
            updated.put("write_uid", env.uid());
            updated.put("write_date", env.nowText());
            RowChecks.checkRow(orm, model, updated, id);
            for (Map.Entry<String, Object> change : updated.entrySet()) {
                if (!Objects.equals(old.get(change.getKey()), change.getValue())) {
                    table.update(env.transaction(), id, change.getKey(), change.getValue());
                }
            }
            updatedRows.add(updated);
            pending.put(id, oneToMany);
        }
        RowChecks.checkForeignKeys(orm, model, updatedRows);
        pending.forEach((id, oneToMany) -> oneToMany
                .forEach((field, commands) -> OneToMany.apply(orm, env, model, id, field, commands)));
    }

    void unlink(Env env, Model model, List<Integer> ids) {
        orm.security().checkAccess(env, model, Operation.UNLINK);
        if (ids.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = existing(env, model, ids);
        orm.security().checkRules(env, model, Operation.UNLINK, rows);
        delete(env, model, new LinkedHashSet<>(ids));
    }

    private List<Map<String, Object>> existing(Env env, Model model, List<Integer> ids) {
        Table table = orm.table(model.name());
        List<Integer> missing = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int id : new LinkedHashSet<>(ids)) {
            Map<String, Object> row = table.row(id);
            if (row == null) {
                missing.add(id);
            } else {
                rows.add(row);
            }
        }
        if (!missing.isEmpty()) {
            throw Errors.missingRecords(model.name(), missing, env.uid());
        }
        return rows;
    }

    /** Deletes rows with what their foreign keys say about the rows pointing at them, and their external ids. */
    private void delete(Env env, Model model, Set<Integer> ids) {
        for (Model other : orm.registry().all()) {
            for (Field field : other.fields()) {
                if (field.isStored() && model.name().equals(field.comodel())) {
                    detachReferences(env, model, ids, other, field);
                }
            }
        }
        Table table = orm.table(model.name());
        if (!model.name().equals("ir.model.data")) {
            Table data = orm.table("ir.model.data");
            for (Map<String, Object> entry : data.rows()) {
                if (model.name().equals(entry.get("model")) && ids.contains(entry.get("res_id"))) {
                    data.delete(env.transaction(), (Integer) entry.get("id"));
                }
            }
        }
        for (int id : ids) {
            table.delete(env.transaction(), id);
        }
    }

    private void detachReferences(Env env, Model model, Set<Integer> ids, Model other, Field field) {
        Table otherTable = orm.table(other.name());
        List<Integer> referencing = new ArrayList<>();
        for (Map<String, Object> row : otherTable.rows()) {
            int rowId = (Integer) row.get("id");
            if (other == model && ids.contains(rowId)) {
                continue;
            }
            Object value = row.get(field.name());
            if (field.type() == FieldType.MANY2MANY && value instanceof List<?> list
                    && list.stream().anyMatch(ids::contains)) {
                List<Object> kept = new ArrayList<>(list);
                kept.removeAll(ids);
                otherTable.update(env.transaction(), rowId, field.name(), List.copyOf(kept));
            } else if (field.type() == FieldType.MANY2ONE && ids.contains(value)) {
                referencing.add(rowId);
            }
        }
        if (referencing.isEmpty()) {
            return;
        }
        switch (field.onDelete()) {
            case RESTRICT -> throw Errors.foreignKey(other.description(), other.name(),
                    Errors.foreignKeyName(other, field), Errors.foreignKeyDeleteText(model, other, field));
            case CASCADE -> delete(env, other, new LinkedHashSet<>(referencing));
            case SET_NULL -> referencing
                    .forEach(rowId -> otherTable.update(env.transaction(), rowId, field.name(), null));
        }
    }
}
