package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.python.PythonRepr;

/** Conversions of the JSON values clients send, with Python's rules. */
public final class Values {

    private Values() {
    }

    /** Python truthiness: {@code False}, {@code None}, 0, "", [] and {} are false. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    public static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long;
    }

    /** An integral JSON number as an id; anything else fails as Odoo's {@code browse} would. */
    public static int id(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw OdooError.typeError("Invalid id " + PythonRepr.repr(value) + ": record ids are integers");
    }

    /** Record ids as RPC clients pass them: one id or a list of ids. */
    public static List<Integer> ids(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<Integer> ids = new ArrayList<>(list.size());
            for (Object item : list) {
                ids.add(id(item));
            }
            return ids;
        }
        return List.of(id(value));
    }

    /** Python's {@code int()} of an argument such as a uid or a limit. */
    public static int pythonInt(Object value) {
        if (isInteger(value)) {
            return id(value);
        }
        if (value instanceof Double d) {
            return (int) d.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw OdooError.valueError("invalid literal for int() with base 10: " + PythonRepr.repr(s));
            }
        }
        throw OdooError.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                + pythonType(value) + "'");
    }

    public static String pythonType(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (isInteger(value)) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }

    /** An optional limit or offset: {@code False}, {@code None} and 0 mean none, as in Odoo's queries. */
    public static Integer optionalCount(Object value) {
        if (!truthy(value)) {
            return null;
        }
        return pythonInt(value);
    }
}
