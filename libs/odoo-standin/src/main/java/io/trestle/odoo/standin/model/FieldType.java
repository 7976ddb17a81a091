package io.trestle.odoo.standin.model;

/** Odoo field types, named as {@code fields_get} reports them. */
public enum FieldType {

    CHAR("char"),
    TEXT("text"),
    HTML("html"),
    INTEGER("integer"),
    FLOAT("float"),
    MONETARY("monetary"),
    BOOLEAN("boolean"),
    DATE("date"),
    DATETIME("datetime"),
    SELECTION("selection"),
    MANY2ONE("many2one"),
    ONE2MANY("one2many"),
    MANY2MANY("many2many"),
    MANY2ONE_REFERENCE("many2one_reference");

    private final String odooName;

    FieldType(String odooName) {
        this.odooName = odooName;
    }

    public String odooName() {
        return odooName;
    }

    public boolean isRelational() {
        return this == MANY2ONE || this == ONE2MANY || this == MANY2MANY;
    }

    public boolean isToMany() {
        return this == ONE2MANY || this == MANY2MANY;
    }

    public boolean isTextual() {
        return this == CHAR || this == TEXT || this == HTML;
    }
}
