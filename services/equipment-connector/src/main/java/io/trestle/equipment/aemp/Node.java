package io.trestle.equipment.aemp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A payload element with JSON and XML told apart no more: XML attributes and child elements, JSON members and array
 * entries all become named children, because vendors put the same ISO 15143-3 field in any of these places. Names match
 * without regard to case since vendors write both {@code Links} and {@code links}.
 *
 * @param name
 *            local name (XML namespaces dropped), or the JSON member name
 * @param path
 *            where the element sits, for error messages
 * @param text
 *            the scalar value, trimmed; null for a structure or a JSON null
 * @param children
 *            attributes and child elements, or members and array entries, in document order
 */
record Node(String name, String path, String text, List<Node> children) {

    /** Placeholders vendors write for a value the machine did not report. */
    private static final Set<String> ABSENT = Set.of("", "n/a", "na", "null");

    boolean named(String... candidates) {
        for (String candidate : candidates) {
            if (name.equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }

    Optional<Node> child(String... names) {
        return children.stream().filter(child -> child.named(names)).findFirst();
    }

    List<Node> children(String... names) {
        return children.stream().filter(child -> child.named(names)).toList();
    }

    /** The value, or empty when there is none or it is a placeholder such as {@code N/A}. */
    Optional<String> value() {
        if (text == null || ABSENT.contains(text.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** The value of the first child of the given names that carries one. */
    Optional<String> value(String... names) {
        return children(names).stream().flatMap(child -> child.value().stream()).findFirst();
    }
}
