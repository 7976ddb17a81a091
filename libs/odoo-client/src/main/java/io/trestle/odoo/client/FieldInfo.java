package io.trestle.odoo.client;

import java.util.List;

/**
 * One field of {@code fields_get}.
 *
 * @param relation
 *            the target model of a relational field, else {@code null}
 * @param selection
 *            the {@code [value, label]} pairs of a selection field, else empty
 */
public record FieldInfo(String type, boolean required, String relation, List<List<String>> selection) {

    public FieldInfo {
        selection = List.copyOf(selection);
    }

    /** Whether {@code value} is one of the values of this selection field. */
    public boolean allows(String value) {
        return selection.stream().anyMatch(pair -> pair.get(0).equals(value));
    }
}
