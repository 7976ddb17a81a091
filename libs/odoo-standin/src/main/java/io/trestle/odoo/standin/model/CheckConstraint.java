package io.trestle.odoo.standin.model;

import java.util.Map;
import java.util.function.Predicate;

/** A CHECK constraint from a model's {@code _sql_constraints}, with the message Odoo declares for it. */
public record CheckConstraint(String pgName, Predicate<Map<String, Object>> holds, String message) {
}
