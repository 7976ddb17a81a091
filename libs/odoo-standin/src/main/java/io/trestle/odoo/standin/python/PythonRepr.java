package io.trestle.odoo.standin.python;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Python's {@code repr()} of the JSON values a client sends, as Odoo quotes them in error messages (a domain leaf
 * {@code ('foo_bar', '=', 1)}, a KeyError {@code 'nosuch'}).
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Double d) {
            return PythonFloat.repr(d);
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonRepr::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return string(value.toString());
    }

    /** A tuple: {@code (1,)} for one element, as Python writes it. */
    public static String tuple(List<?> elements) {
        if (elements.size() == 1) {
            return "(" + repr(elements.get(0)) + ",)";
        }
        return elements.stream().map(PythonRepr::repr).collect(Collectors.joining(", ", "(", ")"));
    }

    public static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }
}
