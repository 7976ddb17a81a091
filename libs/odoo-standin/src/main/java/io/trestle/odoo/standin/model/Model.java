package io.trestle.odoo.standin.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.orm.Translations;

/** The definition of one Odoo model: fields in Odoo's order, default order, display name and behaviour. */
public final class Model {

    private final String name;
    private final String description;
    private final String order;
    private final Map<String, Field> fields;
    private final List<String> nameSearchFields;
    private final RowFunction<String> displayName;
    private final ModelBehaviour behaviour;
    private final List<UniqueConstraint> uniques;
    private final List<CheckConstraint> checks;
    private final List<String> lookupKey;

    private Model(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
        this.order = builder.order;
        this.nameSearchFields = List.copyOf(builder.nameSearchFields);
        this.displayName = builder.displayName;
        this.behaviour = builder.behaviour;
        this.uniques = List.copyOf(builder.uniques);
        this.checks = List.copyOf(builder.checks);
        this.lookupKey = List.copyOf(builder.lookupKey);
        Map<String, Field> all = new LinkedHashMap<>();
        if (!builder.fields.containsKey("id")) {
            all.put("id", Field.integer("id", "ID").readonly());
        }
        all.putAll(builder.fields);
        RowFunction<String> names = builder.displayName;
        all.putIfAbsent("display_name",
                Field.chars("display_name", "Display Name").computed((orm, env, row) -> names.apply(orm, env, row)));
        all.putIfAbsent("create_uid", Field.many2one("create_uid", "Created by", "res.users").readonly());
        all.putIfAbsent("create_date", Field.datetime("create_date", "Created on").readonly());
        all.putIfAbsent("write_uid", Field.many2one("write_uid", "Last Updated by", "res.users").readonly());
        all.putIfAbsent("write_date", Field.datetime("write_date", "Last Updated on").readonly());
        this.fields = Collections.unmodifiableMap(all);
    }

    public static Builder define(String name, String description) {
        return new Builder(name, description);
    }

    public String name() {
        return name;
    }

    /** Odoo's {@code _description}, used in error messages. */
    public String description() {
        return description;
    }

    /** The PostgreSQL table, named in constraint and NOT NULL messages. */
    public String table() {
        return name.replace('.', '_');
    }

    public String order() {
        return order;
    }

    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    public Collection<Field> fields() {
        return fields.values();
    }

    /** The fields {@code name_search} matches, Odoo's {@code _rec_names_search} (or {@code _rec_name}). */
    public List<String> nameSearchFields() {
        return nameSearchFields;
    }

    public RowFunction<String> displayName() {
        return displayName;
    }

    public ModelBehaviour behaviour() {
        return behaviour;
    }

    public List<UniqueConstraint> uniques() {
        return uniques;
    }

    public List<CheckConstraint> checks() {
        return checks;
    }

    /** Fields whose values identify a row and get a hash index (ir.model.data's module and name). */
    public List<String> lookupKey() {
        return lookupKey;
    }

    public boolean hasActiveField() {
        return fields.containsKey("active");
    }

    public static final class Builder {

        private final String name;
        private final String description;
        private String order = "id";
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private List<String> nameSearchFields = List.of("name");
        private RowFunction<String> displayName;
        private boolean displayNameGiven;
        private ModelBehaviour behaviour = ModelBehaviour.NONE;
        private final List<UniqueConstraint> uniques = new ArrayList<>();
        private final List<CheckConstraint> checks = new ArrayList<>();
        private List<String> lookupKey = List.of();

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
            this.displayName = (orm, env, row) -> {
                Object id = row.get("id");
                return name + "," + id;
            };
        }

        public Builder order(String defaultOrder) {
            this.order = defaultOrder;
            return this;
        }

        public Builder fields(Field... definitions) {
            for (Field field : definitions) {
                if (fields.put(field.name(), field) != null) {
                    throw new IllegalArgumentException(name + "." + field.name() + " is defined twice");
                }
            }
            return this;
        }

        public Builder nameSearch(String... searchedFields) {
            this.nameSearchFields = List.of(searchedFields);
            return this;
        }

        public Builder displayName(RowFunction<String> function) {
            this.displayName = function;
            this.displayNameGiven = true;
            return this;
        }

        public Builder behaviour(ModelBehaviour modelBehaviour) {
            this.behaviour = modelBehaviour;
            return this;
        }

        public Builder unique(String pgName, List<String> uniqueFields, String message) {
            uniques.add(new UniqueConstraint(pgName, uniqueFields, message));
            return this;
        }

        public Builder check(CheckConstraint constraint) {
            checks.add(constraint);
            return this;
        }

        public Builder lookupKey(String... keyFields) {
            this.lookupKey = List.of(keyFields);
            return this;
        }

        public Model build() {
            if (!displayNameGiven && fields.containsKey("name")) {
                displayName = (orm, env, row) -> {
                    String name = Translations.text(env, row.get("name"));
                    return name == null ? "" : name;
                };
            }
            return new Model(this);
        }
    }
}
