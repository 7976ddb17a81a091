package io.trestle.odoo.standin.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.orm.Translations;

/** Small lookups the model behaviours share. */
final class Lookups {

    /** The company every record belongs to: the stand-in has one, "My Company". */
    static final int MAIN_COMPANY = 1;

    private Lookups() {
    }

    /** The active employee linked to the user, as Odoo's {@code env.user.employee_id}. */
    static Optional<Integer> employeeOf(Orm orm, int uid) {
        for (Map<String, Object> employee : orm.table("hr.employee").rows()) {
            if (Integer.valueOf(uid).equals(employee.get("user_id")) && Boolean.TRUE.equals(employee.get("active"))) {
                return Optional.of((Integer) employee.get("id"));
            }
        }
        return Optional.empty();
    }

    /** The first record in the model's default order that passes the filter, as Odoo's {@code search(limit=1)}. */
    static Optional<Integer> first(Orm orm, Env env, String model, Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> rows = orm.rowsInOrder(env, model, filter);
        return rows.isEmpty() ? Optional.empty() : Optional.of((Integer) rows.get(0).get("id"));
    }

    /** The row a stored many2one value points at, or {@code null}. */
    static Map<String, Object> target(Orm orm, String model, Object id) {
        return id instanceof Integer existing ? orm.table(model).row(existing) : null;
    }

    /** The text of a stored name, translated for the caller. */
    static String name(Env env, Map<String, Object> row) {
        String name = Translations.text(env, row.get("name"));
        return name == null ? "" : name;
    }
}
