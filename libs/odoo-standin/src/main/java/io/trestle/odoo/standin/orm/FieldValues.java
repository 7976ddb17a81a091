package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.standin.domain.OrderBy;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;

/** The values of a row's fields: as {@code read} answers them, and as domains and orders compare them. */
public final class FieldValues {

    private final Orm orm;

    FieldValues(Orm orm) {
        this.orm = orm;
    }

    /**
     * The value domains and orders compare: text in the caller's language, an id or {@code null} for a many2one, the id
     * list of an x2many, computed values computed.
     */
    public Object comparable(Env env, Model model, Field field, Map<String, Object> row) {
        if (field.isComputed()) {
            return field.computed().apply(orm, env, row);
        }
        return switch (field.type()) {
            case ONE2MANY -> children(env, field, (Integer) row.get("id"));
            case CHAR, TEXT, HTML -> Translations.text(env, row.get(field.name()));
            default -> row.get(field.name());
        };
    }

    /** The value as {@code read} answers it; {@code classic} renders many2one as {@code [id, display_name]}. */
    Object read(Env env, Model model, Field field, Map<String, Object> row, boolean classic) {
        if (field.isWriteOnly()) {
            return "";
        }
        Object value = comparable(env, model, field, row);
        return switch (field.type()) {
            case CHAR, TEXT, HTML, DATE, DATETIME, SELECTION -> value == null ? false : value;
            case INTEGER, MANY2ONE_REFERENCE -> value == null ? 0 : value;
            case FLOAT, MONETARY -> value == null ? 0.0 : value;
            case BOOLEAN -> Boolean.TRUE.equals(value);
            case MANY2ONE -> many2one(env, field, (Integer) value, classic);
            case MANY2MANY, ONE2MANY -> value == null ? List.of() : List.copyOf((List<?>) value);
        };
    }

    private Object many2one(Env env, Field field, Integer id, boolean classic) {
        if (id == null || !orm.table(field.comodel()).exists(id)) {
            return false;
        }
        if (!classic) {
            return id;
        }
        List<Object> pair = new ArrayList<>(2);
        pair.add(id);
        pair.add(orm.displayName(env, field.comodel(), id));
        return pair;
    }

    /** The ids of the records whose inverse many2one points at the parent, in the comodel's order. */
    List<Integer> children(Env env, Field one2many, int parentId) {
        Model comodel = orm.model(one2many.comodel());
        Comparator<Map<String, Object>> order = OrderBy.comparator(orm, env, comodel, null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : orm.table(comodel.name()).rows()) {
            if (Integer.valueOf(parentId).equals(row.get(one2many.inverse()))) {
                rows.add(row);
            }
        }
        rows.sort(order);
        List<Integer> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add((Integer) row.get("id")));
        return ids;
    }
}
