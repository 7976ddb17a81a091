package io.trestle.odoo.standin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The definition of one field of a model. Immutable: each modifier returns a changed copy, so catalogs read like Odoo's
 * field declarations.
 */
public final class Field {

    /**
     * How Odoo fails when a many2one names a record that does not exist. A model whose create reads the target
     * (project.task reads its project) raises MissingError before inserting; otherwise the foreign key refuses the
     * insert and Odoo turns that into a ValidationError.
     */
    public enum MissingTarget {
        MISSING_ERROR,
        FOREIGN_KEY
    }

    /** What deleting the target of a many2one does to the rows pointing at it (PostgreSQL's ON DELETE). */
    public enum OnDelete {
        SET_NULL,
        CASCADE,
        RESTRICT
    }

    private static final class Draft {

        String name;
        FieldType type;
        String label;
        boolean required;
        boolean readonly;
        boolean writeOnly;
        String comodel;
        String inverse;
        List<SelectionOption> selection = List.of();
        boolean translate;
        ValueSource defaultValue;
        RowFunction<Object> computed;
        MissingTarget missingTarget = MissingTarget.FOREIGN_KEY;
        OnDelete onDelete = OnDelete.SET_NULL;

        Draft copy() {
            Draft copy = new Draft();
            copy.name = name;
            copy.type = type;
            copy.label = label;
            copy.required = required;
            copy.readonly = readonly;
            copy.writeOnly = writeOnly;
            copy.comodel = comodel;
            copy.inverse = inverse;
            copy.selection = selection;
            copy.translate = translate;
            copy.defaultValue = defaultValue;
            copy.computed = computed;
            copy.missingTarget = missingTarget;
            copy.onDelete = onDelete;
            return copy;
        }
    }

    private final Draft spec;

    private Field(Draft spec) {
        this.spec = spec;
    }

    private static Field of(String name, FieldType type, String label) {
        Draft draft = new Draft();
        draft.name = Objects.requireNonNull(name);
        draft.type = type;
        draft.label = label;
        return new Field(draft);
    }

    private Field change(Consumer<Draft> modification) {
        Draft copy = spec.copy();
        modification.accept(copy);
        return new Field(copy);
    }

    public static Field chars(String name, String label) {
        return of(name, FieldType.CHAR, label);
    }

    public static Field text(String name, String label) {
        return of(name, FieldType.TEXT, label);
    }

    public static Field html(String name, String label) {
        return of(name, FieldType.HTML, label);
    }

    public static Field integer(String name, String label) {
        return of(name, FieldType.INTEGER, label);
    }

    public static Field floating(String name, String label) {
        return of(name, FieldType.FLOAT, label);
    }

    public static Field monetary(String name, String label) {
        return of(name, FieldType.MONETARY, label);
    }

    public static Field bool(String name, String label) {
        return of(name, FieldType.BOOLEAN, label);
    }

    public static Field date(String name, String label) {
        return of(name, FieldType.DATE, label);
    }

    public static Field datetime(String name, String label) {
        return of(name, FieldType.DATETIME, label);
    }

    /**
     * @param valuesAndLabels
     *            value, label, value, label… in Odoo's order
     */
    public static Field selection(String name, String label, String... valuesAndLabels) {
        if (valuesAndLabels.length % 2 != 0) {
            throw new IllegalArgumentException("Selection " + name + " needs value/label pairs");
        }
        List<SelectionOption> options = new ArrayList<>();
        for (int i = 0; i < valuesAndLabels.length; i += 2) {
            options.add(new SelectionOption(valuesAndLabels[i], valuesAndLabels[i + 1]));
        }
        return of(name, FieldType.SELECTION, label).change(d -> d.selection = List.copyOf(options));
    }

    public static Field many2one(String name, String label, String comodel) {
        return of(name, FieldType.MANY2ONE, label).change(d -> d.comodel = comodel);
    }

    public static Field one2many(String name, String label, String comodel, String inverse) {
        return of(name, FieldType.ONE2MANY, label).change(d -> {
            d.comodel = comodel;
            d.inverse = inverse;
        });
    }

    public static Field many2many(String name, String label, String comodel) {
        return of(name, FieldType.MANY2MANY, label).change(d -> d.comodel = comodel);
    }

    /** An id in the model another field names (ir.model.data's {@code res_id}). */
    public static Field many2oneReference(String name, String label) {
        return of(name, FieldType.MANY2ONE_REFERENCE, label);
    }

    public Field required() {
        return change(d -> d.required = true);
    }

    public Field readonly() {
        return change(d -> d.readonly = true);
    }

    /** Accepted on create and write but read back empty, as Odoo reads passwords. */
    public Field writeOnly() {
        return change(d -> d.writeOnly = true);
    }

    /** Stored per language ({@code jsonb} in PostgreSQL) and read in the caller's language. */
    public Field translate() {
        return change(d -> d.translate = true);
    }

    public Field defaultValue(ValueSource source) {
        return change(d -> d.defaultValue = source);
    }

    public Field defaultValue(Object constant) {
        return defaultValue((orm, env) -> constant);
    }

    /** A value Odoo computes on read without storing it; writes to it are ignored, as Odoo ignores them. */
    public Field computed(RowFunction<Object> function) {
        return change(d -> {
            d.computed = function;
            d.readonly = true;
        });
    }

    public Field missingTargetRaisesMissingError() {
        return change(d -> d.missingTarget = MissingTarget.MISSING_ERROR);
    }

    public Field onDelete(OnDelete policy) {
        return change(d -> d.onDelete = policy);
    }

    public String name() {
        return spec.name;
    }

    public FieldType type() {
        return spec.type;
    }

    /** The field's string, as error messages and {@code fields_get} show it. */
    public String label() {
        return spec.label;
    }

    public boolean isRequired() {
        return spec.required;
    }

    public boolean isReadonly() {
        return spec.readonly;
    }

    public boolean isWriteOnly() {
        return spec.writeOnly;
    }

    public String comodel() {
        return spec.comodel;
    }

    public String inverse() {
        return spec.inverse;
    }

    public List<SelectionOption> selection() {
        return spec.selection;
    }

    public boolean isTranslated() {
        return spec.translate;
    }

    public ValueSource defaultValue() {
        return spec.defaultValue;
    }

    public RowFunction<Object> computed() {
        return spec.computed;
    }

    public MissingTarget missingTarget() {
        return spec.missingTarget;
    }

    public OnDelete onDelete() {
        return spec.onDelete;
    }

    /** Whether the value lives in the row: computed fields and one2many (held by the other side) do not. */
    public boolean isStored() {
        return spec.computed == null && spec.type != FieldType.ONE2MANY;
    }

    public boolean isComputed() {
        return spec.computed != null;
    }
}
