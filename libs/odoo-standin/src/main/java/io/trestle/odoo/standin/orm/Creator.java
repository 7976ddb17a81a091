package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.security.Operation;

/**
 * {@code create}, in Odoo 17's order: the model's own preparation, the access right, per-field validation and defaults,
 * then the insert (where NOT NULL, CHECK, UNIQUE and foreign keys fail and ids are consumed), then the record rules on
 * the new rows.
 */
final class Creator {

    private final Orm orm;

    Creator(Orm orm) {
        this.orm = orm;
    }

    /**
     * @param forcedId
     *            the id to give the single record (seeding), or {@code null} to take one from the sequence
     */
    List<Integer> create(Env env, Model model, List<Map<String, Object>> valsList, Integer forcedId) {
        List<Map<String, Object>> prepared = new ArrayList<>(valsList.size());
        for (Object vals : valsList) {
            if (!(vals instanceof Map<?, ?> map)) {
                throw OdooError.typeError(
                        "create() takes a dict of values or a list of dicts, not " + Values.pythonType(vals));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            model.behaviour().beforeCreate(orm, env, copy);
            prepared.add(copy);
        }
        orm.security().checkAccess(env, model, Operation.CREATE);

        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<Field, List<Object>>> pending = new ArrayList<>();
        for (Map<String, Object> vals : prepared) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<Field, List<Object>> oneToMany = new LinkedHashMap<>();
            Set<String> given = new LinkedHashSet<>();
            for (Map.Entry<String, Object> entry : vals.entrySet()) {
                Field field = model.field(entry.getKey()).orElseThrow(() -> Errors.invalidField(model, entry.getKey()));
                if (RowChecks.ignoredInValues(field)) {
                    continue;
                }
                given.add(field.name());
                Object stored = orm.converter().toStored(env, model, field, entry.getValue(), null);
                if (stored instanceof ValueConverter.OneToManyCommands commands) {
                    oneToMany.put(field, commands.commands());
                } else {
                    row.put(field.name(), stored);
                }
            }
            for (Field field : model.fields()) {
                if (field.isStored() && !RowChecks.isMagic(field) && !row.containsKey(field.name())) {
                    row.put(field.name(), field.defaultValue() == null
                            ? emptyValue(field)
                            : orm.converter().toStored(env, model, field, field.defaultValue().value(orm, env), null));
                }
            }
            model.behaviour().computeStored(orm, env, row, given);
            rows.add(row);
            pending.add(oneToMany);
        }

        Table table = orm.table(model.name());
        List<Integer> ids = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            int id;
            if (forcedId != null) {
                id = forcedId;
                table.reserveId(id);
            } else {
                id = table.nextId();
            }
            row.put("id", id);
            row.put("create_uid", env.uid());
            row.put("create_date", env.nowText());
            row.put("write_uid", env.uid());
            row.put("write_date", env.nowText());
            RowChecks.checkRow(orm, model, row, id);
            table.insert(env.transaction(), row);
            ids.add(id);
        }
        RowChecks.checkForeignKeys(orm, model, rows);
        for (int i = 0; i < ids.size(); i++) {
            int parentId = ids.get(i);
            pending.get(i).forEach((field, commands) -> OneToMany.apply(orm, env, model, parentId, field, commands));
        }
        List<Map<String, Object>> created = new ArrayList<>();
        ids.forEach(id -> created.add(table.row(id)));
        orm.security().checkRules(env, model, Operation.CREATE, created);
        return ids;
    }

    private static Object emptyValue(Field field) {
        return field.type().isToMany() ? List.of() : null;
    }
}
