package io.trestle.odoo.standin.orm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.python.PythonRepr;

/** The ORM's error messages, worded as Odoo 17 words them. */
final class Errors {

    private Errors() {
    }

    static OdooError missingRecords(String model, List<Integer> ids, int uid) {
        return OdooError.missingError("Record does not exist or has been deleted.\n(Record: " + model
                + PythonRepr.tuple(ids) + ", User: " + uid + ")");
    }

    static OdooError invalidField(Model model, String field) {
        return OdooError
                .valueError("Invalid field " + PythonRepr.repr(field) + " on model " + PythonRepr.repr(model.name()));
    }

    /** PostgreSQL's NOT NULL violation, as Odoo turns it into a ValidationError. */
    static OdooError notNull(Model model, Field field) {
        Map<String, Object> importMessage = new LinkedHashMap<>();
        importMessage.put("message",
                "Missing required value for the field '" + field.label() + "' (" + field.name() + ")");
        importMessage.put("field", field.name());
        return OdooError.validationError("The operation cannot be completed:\n"
                + "- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + model.description() + " (" + model.name() + ")\n" + "Field: " + field.label() + " ("
                + field.name() + ")\n").fromDatabase(importMessage);
    }

    /**
     * A foreign key violation; Odoo words it for deletes even when an insert names a missing record.
     *
     * @param pgText
     *            PostgreSQL's own message, which {@code load} reports
     */
    static OdooError foreignKey(String description, String model, String constraint, String pgText) {
        return OdooError.validationError("The operation cannot be completed: another model requires the record being "
                + "deleted. If possible, archive it instead.\n\n" + "Model: " + description + " (" + model + ")\n"
                + "Constraint: " + constraint + "\n").fromDatabase(Map.of("message", pgText));
    }

    static String foreignKeyInsertText(Model model, Field field, int id) {
        return "insert or update on table \"" + model.table() + "\" violates foreign key constraint \""
                + foreignKeyName(model, field) + "\"\nDETAIL:  Key (" + field.name() + ")=(" + id
                + ") is not present in table \"" + field.comodel().replace('.', '_') + "\".\n";
    }

    static String foreignKeyDeleteText(Model referenced, Model referencing, Field field) {
        return "update or delete on table \"" + referenced.table() + "\" violates foreign key constraint \""
                + foreignKeyName(referencing, field) + "\" on table \"" + referencing.table() + "\"\n";
    }

    static String foreignKeyName(Model model, Field field) {
        return model.table() + "_" + field.name() + "_fkey";
    }

    /** A constraint declared in {@code _sql_constraints}: Odoo shows its message. */
    static OdooError declaredConstraint(String message, Map<String, Object> importMessage) {
        return OdooError.validationError("The operation cannot be completed: " + message)
                .fromDatabase(importMessage);
    }

    /** A unique index without a declared message: Odoo passes PostgreSQL's text through. */
    static String uniqueViolationText(String index, List<String> fields, List<Object> values) {
        return "duplicate key value violates unique constraint \"" + index + "\"\nDETAIL:  Key ("
                + String.join(", ", fields) + ")=("
                + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ") already exists.\n";
    }
}
