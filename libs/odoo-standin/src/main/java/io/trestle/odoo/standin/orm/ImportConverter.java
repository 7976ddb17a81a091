package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.SelectionOption;
import io.trestle.odoo.standin.python.PythonRepr;

/**
 * {@code load}'s cell converters ({@code ir.fields.converter}): text cells become ORM values, or a problem worded as
 * Odoo words it, to be reported per row rather than raised.
 */
final class ImportConverter {

    /** A cell that could not be converted (an error) or was converted with a doubt (a warning). */
    record Problem(boolean warning, String message, Object moreInfo) {
    }

    /** A converted value, and the warning it came with, if any. */
    record Converted(Object value, Optional<Problem> warning) {

        static Converted of(Object value) {
            return new Converted(value, Optional.empty());
        }
    }

    static final class ProblemException extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        ProblemException(Problem problem) {
            super(problem.message());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private final Orm orm;

    ImportConverter(Orm orm) {
        this.orm = orm;
    }

    /**
     * @param reference
     *            for relational fields: {@code null} (by name), {@code "id"} (external id) or {@code ".id"} (database
     *            id)
     */
    Converted convert(Env env, Field field, String reference, Object cell) throws ProblemException {
        String value = cell instanceof String s ? s : PythonRepr.repr(cell);
        String label = field.label();
        switch (field.type()) {
            case CHAR, TEXT, HTML, MANY2ONE_REFERENCE :
                return Converted.of(value);
            case INTEGER :
                try {
                    return Converted.of(Integer.parseInt(value.strip()));
                } catch (NumberFormatException e) {
                    throw error("'" + value + "' does not seem to be an integer for field '" + label + "'", null);
                }
            case FLOAT, MONETARY :
                try {
                    return Converted.of(ValueConverter.floating(value));
                } catch (OdooError e) {
                    throw error("'" + value + "' does not seem to be a number for field '" + label + "'", null);
                }
            case BOOLEAN :
                return bool(value, label);
            case DATE :
                try {
                    return Converted.of(ValueConverter.date(value));
                } catch (OdooError e) {
                    throw error("'" + value + "' does not seem to be a valid date for field '" + label + "'",
                            "Use the format '2012-12-31'");
                }
            case DATETIME :
                try {
                    return Converted.of(ValueConverter.datetime(value));
                } catch (OdooError e) {
                    throw error("'" + value + "' does not seem to be a valid datetime for field '" + label + "'",
                            "Use the format '2012-12-31 23:59:59'");
                }
            case SELECTION :
                return selection(field, value);
            case MANY2ONE :
                return reference(env, field, reference, value);
            case MANY2MANY : {
                List<Object> ids = new ArrayList<>();
                Optional<Problem> warning = Optional.empty();
                for (String part : value.split(",")) {
                    Converted one = reference(env, field, reference, part);
                    if (one.value() instanceof Integer id) {
                        ids.add(id);
                    }
                    warning = warning.or(one::warning);
                }
                return new Converted(List.of(List.of(6, 0, ids)), warning);
            }
            default :
                throw OdooError.notImplemented("The Odoo stand-in's load does not import " + field.type().odooName()
                        + " fields (" + field.name() + ")");
        }
    }

    private static Converted bool(String value, String label) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (List.of("1", "true", "yes").contains(lower)) {
            return Converted.of(true);
        }
        if (List.of("0", "false", "no").contains(lower)) {
            return Converted.of(false);
        }
        return new Converted(true, Optional.of(new Problem(true,
                "Unknown value '" + value + "' for boolean field '" + label + "', assuming 'yes'",
                "Use '1' for yes and '0' for no")));
    }

    private static Converted selection(Field field, String value) throws ProblemException {
        String lower = value.toLowerCase(Locale.ROOT);
        List<String> labels = new ArrayList<>();
        for (SelectionOption option : field.selection()) {
            if (option.value().toLowerCase(Locale.ROOT).equals(lower)
                    || option.label().toLowerCase(Locale.ROOT).equals(lower)) {
                return Converted.of(option.value());
            }
            labels.add(option.label());
        }
        throw error("Value '" + value + "' not found in selection field '" + field.label() + "'", labels);
    }

    private Converted reference(Env env, Field field, String reference, String value) throws ProblemException {
        Map<String, Object> action = possibleValues(field, reference);
        String type;
        Integer id = null;
        Optional<Problem> warning = Optional.empty();
        if (".id".equals(reference)) {
            type = "database id";
            int candidate;
            try {
                candidate = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw error("Invalid database id '" + value + "' for the field '" + field.label() + "'", action);
            }
            if (candidate == 0) {
                return Converted.of(false);
            }
            if (orm.table(field.comodel()).exists(candidate)) {
                id = candidate;
            }
        } else if ("id".equals(reference)) {
            type = "external id";
            String xmlId = value.contains(".") ? value : "__import__." + value;
            id = resolveExternalId(field.comodel(), xmlId).orElse(null);
        } else {
            type = "name";
            List<Integer> matches = orm.nameSearchIds(env, orm.model(field.comodel()), "=", value);
            if (!matches.isEmpty()) {
                id = matches.get(0);
                if (matches.size() > 1) {
                    warning = Optional.of(new Problem(true, "Found multiple matches for value '" + value
                            + "' in field '" + field.label() + "' (" + Math.min(matches.size(), 2) + " matches)",
                            null));
                }
            }
        }
        if (id == null) {
            throw error("No matching record found for " + type + " '" + value + "' in field '" + field.label() + "'",
                    action);
        }
        return new Converted(id, warning);
    }

    /** The record an external id names, if it is a record of the expected model. */
    Optional<Integer> resolveExternalId(String model, String xmlId) {
        int dot = xmlId.indexOf('.');
        Table data = orm.table("ir.model.data");
        return data.findByKey(List.of(xmlId.substring(0, dot), xmlId.substring(dot + 1))).map(data::row)
                .filter(entry -> model.equals(entry.get("model")))
                .map(entry -> (Integer) entry.get("res_id"))
                .filter(orm.table(model)::exists);
    }

    /** The window action Odoo attaches to a failed reference, to list the possible values. */
    private static Map<String, Object> possibleValues(Field field, String reference) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "Possible Values");
        action.put("type", "ir.actions.act_window");
        action.put("target", "new");
        action.put("view_mode", "tree,form");
        action.put("views", List.of(listOf(false, "list"), listOf(false, "form")));
        action.put("context", Map.of("create", false));
        action.put("help", "See all possible values");
        if (reference == null) {
            action.put("res_model", field.comodel());
        } else {
            action.put("res_model", "ir.model.data");
            action.put("domain", List.of(List.of("model", "=", field.comodel())));
        }
        return action;
    }

    private static List<Object> listOf(Object first, Object second) {
        List<Object> pair = new ArrayList<>(2);
        pair.add(first);
        pair.add(second);
        return pair;
    }

    private static ProblemException error(String message, Object moreInfo) {
        return new ProblemException(new Problem(false, message, moreInfo));
    }
}
