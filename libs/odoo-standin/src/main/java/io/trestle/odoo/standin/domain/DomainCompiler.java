package io.trestle.odoo.standin.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.FieldType;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.orm.Values;
import io.trestle.odoo.standin.python.PythonRepr;

/**
 * Compiles a domain into a filter over stored rows, with PostgreSQL's semantics as Odoo generates them: empty values
 * match the negative operators ({@code !=}, {@code not in}, {@code not like}) and never the comparisons; relational
 * paths and names are resolved by sub-searches.
 */
public final class DomainCompiler {

    private static final Set<String> NEGATIVE = Set.of("!=", "not in", "not like", "not ilike");

    private final Orm orm;

    public DomainCompiler(Orm orm) {
        this.orm = orm;
    }

    public Predicate<Map<String, Object>> compile(Env env, Model model, DomainNode node) {
        if (node instanceof DomainNode.Constant constant) {
            return row -> constant.value();
        }
        if (node instanceof DomainNode.And and) {
            return compile(env, model, and.left()).and(compile(env, model, and.right()));
        }
        if (node instanceof DomainNode.Or or) {
            return compile(env, model, or.left()).or(compile(env, model, or.right()));
        }
        if (node instanceof DomainNode.Not not) {
            return compile(env, model, not.operand()).negate();
        }
        return leaf(env, model, (DomainNode.Leaf) node);
    }

    private Predicate<Map<String, Object>> leaf(Env env, Model model, DomainNode.Leaf leaf) {
        String[] path = leaf.path().split("\\.", 2);
        Field field = model.field(path[0]).orElseThrow(() -> invalidField(model, path[0], leaf));
        if (leaf.operator().equals("child_of") || leaf.operator().equals("parent_of")) {
            throw OdooError.notImplemented("The Odoo stand-in does not support the operator "
                    + PythonRepr.repr(leaf.operator()) + " (in " + PythonRepr.tuple(leaf.original()) + ")");
        }
        if (path.length > 1) {
            if (!field.type().isRelational()) {
                throw invalidField(model, leaf.path(), leaf);
            }
            DomainNode rest = new DomainNode.Leaf(leaf.original(), path[1], leaf.operator(), leaf.value());
            return related(env, model, field, subSearch(env, field, rest), false);
        }
        String operator = leaf.operator();
        if (operator.equals("=?")) {
            if (!Values.truthy(leaf.value())) {
                return row -> true;
            }
            operator = "=";
        }
        if (operator.equals("any") || operator.equals("not any")) {
            if (!field.type().isRelational()) {
                throw OdooError.valueError("Operator " + PythonRepr.repr(operator) + " is only for relational fields: "
                        + PythonRepr.tuple(leaf.original()));
            }
            return related(env, model, field, subSearch(env, field, DomainParser.parse(leaf.value())),
                    operator.equals("not any"));
        }
        if (field.type().isRelational()) {
            return relational(env, model, field, operator, leaf.value());
        }
        return scalar(env, model, field, operator, leaf.value());
    }

    private Set<Integer> subSearch(Env env, Field field, DomainNode domain) {
        Env unrestricted = env.sudo().withContext(Map.of("active_test", false));
        return new HashSet<>(orm.searchUnchecked(unrestricted, orm.model(field.comodel()), domain));
    }

    private Predicate<Map<String, Object>> relational(Env env, Model model, Field field, String operator,
            Object value) {
        boolean negative = NEGATIVE.contains(operator);
        if (value instanceof String || (value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(String.class::isInstance))) {
            String positive = negative ? positiveOf(operator) : operator;
            Set<Integer> ids = new HashSet<>();
            for (Object name : value instanceof List<?> names ? names : List.of(value)) {
                String nameOperator = positive.equals("in") ? "=" : positive;
                ids.addAll(orm.nameSearchIds(env.sudo(), orm.model(field.comodel()), nameOperator, (String) name));
            }
            return related(env, model, field, ids, negative);
        }
        if (value == null || Boolean.FALSE.equals(value)) {
            return switch (operator) {
                case "=" -> row -> related(env, model, field, row).isEmpty();
                case "!=" -> row -> !related(env, model, field, row).isEmpty();
                default -> comparison(env, model, field, operator, value);
            };
        }
        if (operator.equals("=") || operator.equals("!=") || operator.equals("in") || operator.equals("not in")) {
            Set<Integer> ids = new HashSet<>();
            boolean includesEmpty = false;
            for (Object id : value instanceof List<?> list ? list : List.of(value)) {
                if (id == null || Boolean.FALSE.equals(id)) {
                    includesEmpty = true;
                } else if (Values.isInteger(id)) {
                    ids.add(Values.id(id));
                }
            }
            boolean matchEmpty = includesEmpty;
            Predicate<Map<String, Object>> positive = row -> {
                Collection<Integer> current = related(env, model, field, row);
                return (matchEmpty && current.isEmpty()) || current.stream().anyMatch(ids::contains);
            };
            return negative ? positive.negate() : positive;
        }
        return comparison(env, model, field, operator, value);
    }

    private Predicate<Map<String, Object>> related(Env env, Model model, Field field, Set<Integer> ids,
            boolean negate) {
        Predicate<Map<String, Object>> any = row -> related(env, model, field, row).stream().anyMatch(ids::contains);
        return negate ? any.negate() : any;
    }

    private Collection<Integer> related(Env env, Model model, Field field, Map<String, Object> row) {
        Object value = orm.fieldValues().comparable(env, model, field, row);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Integer id) {
            return List.of(id);
        }
        List<Integer> ids = new ArrayList<>();
        ((List<?>) value).forEach(id -> ids.add((Integer) id));
        return ids;
    }

    private Predicate<Map<String, Object>> scalar(Env env, Model model, Field field, String operator, Object value) {
        boolean bool = field.type() == FieldType.BOOLEAN;
        switch (operator) {
            case "=", "!=" -> {
                Predicate<Map<String, Object>> equal;
                if (value == null || Boolean.FALSE.equals(value) && !bool) {
                    equal = row -> isNull(env, model, field, row);
                } else if (bool) {
                    boolean wanted = Values.truthy(value);
                    equal = row -> Boolean.TRUE.equals(orm.fieldValues().comparable(env, model, field, row)) == wanted;
                } else {
                    Object target = coerce(field, value);
                    equal = row -> {
                        Object current = orm.fieldValues().comparable(env, model, field, row);
                        return current != null && compare(current, target) == 0;
                    };
                }
                return operator.equals("=") ? equal : equal.negate();
            }
            case "in", "not in" -> {
                List<?> candidates = value instanceof List<?> list ? list : List.of(value);
                boolean matchEmpty = candidates.stream().anyMatch(v -> v == null || Boolean.FALSE.equals(v))
                        && !bool;
                List<Object> targets = new ArrayList<>();
                for (Object candidate : candidates) {
                    if (candidate != null && !(Boolean.FALSE.equals(candidate) && !bool)) {
                        targets.add(bool ? Values.truthy(candidate) : coerce(field, candidate));
                    }
                }
                Predicate<Map<String, Object>> member = row -> {
                    Object current = orm.fieldValues().comparable(env, model, field, row);
                    if (bool) {
                        current = Boolean.TRUE.equals(current);
                    }
                    if (current == null) {
                        return matchEmpty;
                    }
                    for (Object target : targets) {
                        if (compare(current, target) == 0) {
                            return true;
                        }
                    }
                    return false;
                };
                return operator.equals("in") ? member : member.negate();
            }
            case "like", "ilike", "not like", "not ilike", "=like", "=ilike" -> {
                boolean negated = operator.startsWith("not ");
                boolean insensitive = operator.endsWith("ilike");
                String text = value instanceof String s ? s : PythonRepr.repr(value);
                Pattern pattern = LikePattern.compile(operator.startsWith("=") ? text : "%" + text + "%",
                        insensitive);
                return row -> {
                    Object current = orm.fieldValues().comparable(env, model, field, row);
                    if (current == null) {
                        return negated;
                    }
                    boolean matches = pattern.matcher(asText(current)).matches();
                    return matches != negated;
                };
            }
            default -> {
                return comparison(env, model, field, operator, value);
            }
        }
    }

    private Predicate<Map<String, Object>> comparison(Env env, Model model, Field field, String operator,
            Object value) {
        if (value == null || Boolean.FALSE.equals(value) && field.type() != FieldType.BOOLEAN) {
            return row -> false;
        }
        Object target = field.type() == FieldType.MANY2ONE ? value : coerce(field, value);
        return row -> {
            Object current = orm.fieldValues().comparable(env, model, field, row);
            if (current == null || current instanceof List) {
                return false;
            }
            int order = compare(current, target);
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> throw new IllegalStateException(operator);
            };
        };
    }

    private boolean isNull(Env env, Model model, Field field, Map<String, Object> row) {
        Object current = orm.fieldValues().comparable(env, model, field, row);
        return current == null || (current instanceof String s && s.isEmpty() && field.type().isTextual());
    }

    /** The value as PostgreSQL would cast it for the column. */
    private static Object coerce(Field field, Object value) {
        return switch (field.type()) {
            case DATE -> value instanceof String s && s.length() > 10 ? s.substring(0, 10) : value;
            case DATETIME -> value instanceof String s && s.length() == 10 ? s + " 00:00:00" : value;
            case INTEGER, FLOAT, MONETARY, MANY2ONE_REFERENCE -> {
                if (value instanceof Number) {
                    yield value;
                }
                try {
                    yield Double.parseDouble(String.valueOf(value).strip());
                } catch (NumberFormatException e) {
                    throw OdooError.valueError("invalid input syntax for type " + field.type().odooName() + ": "
                            + PythonRepr.repr(value));
                }
            }
            default -> value instanceof String ? value : asText(value);
        };
    }

    static int compare(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        return asText(left).compareTo(asText(right));
    }

    private static String asText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return PythonRepr.repr(value);
    }

    private static String positiveOf(String negative) {
        return switch (negative) {
            case "!=" -> "=";
            case "not in" -> "in";
            case "not like" -> "like";
            default -> "ilike";
        };
    }

    private static OdooError invalidField(Model model, String field, DomainNode.Leaf leaf) {
        return OdooError.valueError("Invalid field " + model.name() + "." + field + " in leaf "
                + PythonRepr.tuple(leaf.original()));
    }
}
