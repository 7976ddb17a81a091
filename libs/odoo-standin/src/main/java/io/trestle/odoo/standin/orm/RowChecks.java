package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.CheckConstraint;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.FieldType;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.UniqueConstraint;

/**
 * The checks PostgreSQL makes on a row: NOT NULL, CHECK and UNIQUE as the row is written, foreign keys at the end of
 * the statement.
 */
final class RowChecks {

    /** Fields Odoo maintains itself and ignores in the values a client sends. */
    private static final Set<String> MAGIC = Set.of("id", "create_uid", "create_date", "write_uid", "write_date");

    private RowChecks() {
    }

    /** Whether a value sent for this field is ignored: magic fields, and computed fields without an inverse. */
    static boolean ignoredInValues(Field field) {
        return MAGIC.contains(field.name()) || field.isComputed();
    }

    static boolean isMagic(Field field) {
        return MAGIC.contains(field.name());
    }

    static void checkRow(Orm orm, Model model, Map<String, Object> row, int id) {
        for (Field field : model.fields()) {
            if (field.isStored() && field.isRequired() && !field.type().isToMany() && row.get(field.name()) == null) {
                throw Errors.notNull(model, field);
            }
        }
        for (CheckConstraint check : model.checks()) {
            if (!check.holds().test(row)) {
                throw Errors.declaredConstraint(check.message(), Map.of("message", "'" + check.message() + "'"));
            }
        }
        for (UniqueConstraint unique : model.uniques()) {
            List<Object> values = new ArrayList<>();
            for (String field : unique.fields()) {
                values.add(row.get(field));
            }
            if (values.contains(null)) {
                continue;
            }
            if (duplicateOf(orm, model, unique, values).filter(other -> other != id).isPresent()) {
                throw uniqueViolation(model, unique, values);
            }
        }
    }

    private static Optional<Integer> duplicateOf(Orm orm, Model model, UniqueConstraint unique, List<Object> values) {
        Table table = orm.table(model.name());
        if (unique.fields().equals(model.lookupKey())) {
            return table.findByKey(values);
        }
        for (Map<String, Object> other : table.rows()) {
            boolean same = true;
            for (int i = 0; i < values.size() && same; i++) {
                same = Objects.equals(values.get(i), other.get(unique.fields().get(i)));
            }
            if (same) {
                return Optional.of((Integer) other.get("id"));
            }
        }
        return Optional.empty();
    }

    private static RuntimeException uniqueViolation(Model model, UniqueConstraint unique, List<Object> values) {
        String pgText = Errors.uniqueViolationText(unique.pgName(), unique.fields(), values);
        if (unique.message() == null) {
            return OdooError.validationError("The operation cannot be completed: " + pgText)
                    .fromDatabase(Map.of("message", pgText));
        }
        List<String> labels = new ArrayList<>();
        unique.fields().forEach(name -> labels.add(model.field(name).map(Field::label).orElse(name)));
        String importText = unique.fields().size() == 1
                ? "The value for the field '" + unique.fields().get(0) + "' already exists (this is probably '"
                        + labels.get(0) + "' in the current model)."
                : "The values for the fields '" + String.join(", ", unique.fields())
                        + "' already exist (they are probably '" + String.join(", ", labels)
                        + "' in the current model).";
        return Errors.declaredConstraint(unique.message(),
                Map.of("message", importText, "field", unique.fields().get(0)));
    }

    /** Foreign keys, checked once all rows of the statement are written, as PostgreSQL does. */
    static void checkForeignKeys(Orm orm, Model model, Collection<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            for (Field field : model.fields()) {
                // The caller's uid is authenticated, so the log fields always point at a user.
                if (!field.isStored() || isMagic(field)) {
                    continue;
                }
                if (field.type() == FieldType.MANY2ONE && row.get(field.name()) instanceof Integer id
                        && !orm.table(field.comodel()).exists(id)) {
                    throw Errors.foreignKey(model.description(), model.name(), Errors.foreignKeyName(model, field),
                            Errors.foreignKeyInsertText(model, field, id));
                }
                if (field.type() == FieldType.MANY2MANY && row.get(field.name()) instanceof List<?> ids) {
                    for (Object id : ids) {
                        if (!orm.table(field.comodel()).exists((Integer) id)) {
                            throw relationForeignKey(model, field, (Integer) id);
                        }
                    }
                }
            }
        }
    }

    /** Odoo cannot map a relation table to a model, so its message names the model "Unknown". */
    private static RuntimeException relationForeignKey(Model model, Field field, int id) {
        String comodelTable = field.comodel().replace('.', '_');
        List<String> tables = new ArrayList<>(List.of(model.table(), comodelTable));
        tables.sort(null);
        String relation = tables.get(0) + "_" + tables.get(1) + "_rel";
        String column = comodelTable + "_id";
        String constraint = relation + "_" + column + "_fkey";
        String pgText = "insert or update on table \"" + relation + "\" violates foreign key constraint \""
                + constraint + "\"\nDETAIL:  Key (" + column + ")=(" + id + ") is not present in table \""
                + comodelTable + "\".\n";
        return Errors.foreignKey("Unknown", "unknown", constraint, pgText);
    }
}
