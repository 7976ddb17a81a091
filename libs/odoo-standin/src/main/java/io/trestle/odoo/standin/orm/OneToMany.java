package io.trestle.odoo.standin.orm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;

/** Applies one2many commands once the parent row exists, creating and updating the child records. */
final class OneToMany {

    private OneToMany() {
    }

    static void apply(Orm orm, Env env, Model model, int parentId, Field field, List<Object> commands) {
        Model comodel = orm.model(field.comodel());
        boolean childNeedsParent = comodel.field(field.inverse()).map(Field::isRequired).orElse(false);
        for (Object command : commands) {
            if (Values.isInteger(command)) {
                replace(orm, env, parentId, field, Values.ids(commands), childNeedsParent);
                return;
            }
            List<?> parts = (List<?>) command;
            switch (Values.pythonInt(parts.get(0))) {
                case 0 -> {
                    Map<String, Object> vals = new LinkedHashMap<>(ValueConverter.vals(parts, model, field));
                    vals.put(field.inverse(), parentId);
                    orm.create(env, comodel.name(), List.of(vals));
                }
                case 1 -> orm.write(env, comodel.name(), List.of(Values.id(parts.get(1))),
                        ValueConverter.vals(parts, model, field));
                case 2 -> orm.unlink(env, comodel.name(), List.of(Values.id(parts.get(1))));
                case 3 -> detach(orm, env, field, Values.id(parts.get(1)), childNeedsParent);
                case 4 -> orm.write(env, comodel.name(), List.of(Values.id(parts.get(1))),
                        Map.of(field.inverse(), parentId));
                case 5 -> {
                    for (int child : orm.fieldValues().children(env, field, parentId)) {
                        detach(orm, env, field, child, childNeedsParent);
                    }
                }
                default -> replace(orm, env, parentId, field,
                        Values.ids(parts.size() > 2 ? parts.get(2) : List.of()), childNeedsParent);
            }
        }
    }

    private static void replace(Orm orm, Env env, int parentId, Field field, List<Integer> ids,
            boolean childNeedsParent) {
        for (int child : orm.fieldValues().children(env, field, parentId)) {
            if (!ids.contains(child)) {
                detach(orm, env, field, child, childNeedsParent);
            }
        }
        if (!ids.isEmpty()) {
            orm.write(env, field.comodel(), ids, Map.of(field.inverse(), parentId));
        }
    }

    /** A child that cannot exist without its parent is deleted; others just lose the link. */
    private static void detach(Orm orm, Env env, Field field, int child, boolean childNeedsParent) {
        if (childNeedsParent) {
            orm.unlink(env, field.comodel(), List.of(child));
        } else {
            orm.write(env, field.comodel(), List.of(child), Map.of(field.inverse(), false));
        }
    }
}
