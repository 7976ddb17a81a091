package io.trestle.odoo.standin.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.FieldType;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.python.PythonRepr;

/**
 * An {@code order} specification ({@code "write_date asc, id desc"}) as a row comparator, with PostgreSQL's rules:
 * empty values last when ascending and first when descending, many2one by the target model's own order, text in byte
 * order (Odoo creates its databases with {@code LC_COLLATE 'C'}). Ties end in ascending id, so results are stable.
 */
public final class OrderBy {

    private static final Pattern SPEC = Pattern.compile(
            "^(\\s*([a-z0-9:_]+|\"[a-z0-9:_]+\")(\\.id)?(\\s+(desc|asc))?(\\s+(nulls\\s+(first|last)))?\\s*(,|$))+(?<!,)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TERM = Pattern.compile(
            "\\s*\"?([a-z0-9:_]+)\"?(?:\\.id)?(?:\\s+(desc|asc))?(?:\\s+nulls\\s+(first|last))?\\s*",
            Pattern.CASE_INSENSITIVE);

    private OrderBy() {
    }

    /**
     * @param spec
     *            the caller's order, or {@code null} for the model's default order
     */
    public static Comparator<Map<String, Object>> comparator(Orm orm, Env env, Model model, String spec) {
        String order = spec == null || spec.isBlank() ? model.order() : spec;
        if (!SPEC.matcher(order).matches()) {
            throw OdooError.userError("Invalid \"order\" specified (" + order + "). A valid \"order\" specification is "
                    + "a comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
        }
        Comparator<Map<String, Object>> comparator = (a, b) -> 0;
        boolean orderedById = false;
        for (String part : order.split(",")) {
            Matcher term = TERM.matcher(part);
            if (!term.matches()) {
                continue;
            }
            String fieldName = term.group(1).toLowerCase(Locale.ROOT);
            Field field = model.field(fieldName).orElseThrow(() -> OdooError.valueError("Invalid field "
                    + PythonRepr.repr(fieldName) + " on model " + PythonRepr.repr(model.name())));
            boolean descending = "desc".equalsIgnoreCase(term.group(2));
            boolean nullsFirst = term.group(3) == null ? descending : "first".equalsIgnoreCase(term.group(3));
            comparator = comparator.thenComparing(term(orm, env, model, field, descending, nullsFirst));
            orderedById |= fieldName.equals("id");
        }
        if (!orderedById) {
            comparator = comparator.thenComparing(row -> (Integer) row.get("id"));
        }
        return comparator;
    }

    private static Comparator<Map<String, Object>> term(Orm orm, Env env, Model model, Field field,
            boolean descending, boolean nullsFirst) {
        if (field.type().isToMany()) {
            throw OdooError.valueError("Cannot order " + model.name() + " by " + field.name() + ": it is an x2many");
        }
        Map<Integer, Integer> ranks = field.type() == FieldType.MANY2ONE ? ranks(orm, env, field) : null;
        return (a, b) -> {
            Object left = sortValue(orm, env, model, field, a, ranks);
            Object right = sortValue(orm, env, model, field, b, ranks);
            if (left == null || right == null) {
                if (left == right) {
                    return 0;
                }
                return (left == null) == nullsFirst ? -1 : 1;
            }
            int order = DomainCompiler.compare(left, right);
            return descending ? -order : order;
        };
    }

    private static Object sortValue(Orm orm, Env env, Model model, Field field, Map<String, Object> row,
            Map<Integer, Integer> ranks) {
        Object value = orm.fieldValues().comparable(env, model, field, row);
        if (field.type() == FieldType.BOOLEAN) {
            return Boolean.TRUE.equals(value);
        }
        if (ranks != null && value != null) {
            return ranks.get((Integer) value);
        }
        return value;
    }

    /** Positions of the target records in their model's default order. */
    private static Map<Integer, Integer> ranks(Orm orm, Env env, Field field) {
        Model comodel = orm.model(field.comodel());
        List<Map<String, Object>> rows = new ArrayList<>(orm.table(comodel.name()).rows());
        rows.sort(comparator(orm, env, comodel, null));
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ranks.put((Integer) rows.get(i).get("id"), i);
        }
        return ranks;
    }
}
