package io.trestle.odoo.standin.model;

import java.util.List;

/**
 * A unique constraint or index.
 *
 * @param message
 *            the message Odoo declares for it in {@code _sql_constraints}, or {@code null} for a bare unique index,
 *            which Odoo reports with PostgreSQL's own text
 */
public record UniqueConstraint(String pgName, List<String> fields, String message) {

    public UniqueConstraint {
        fields = List.copyOf(fields);
    }
}
