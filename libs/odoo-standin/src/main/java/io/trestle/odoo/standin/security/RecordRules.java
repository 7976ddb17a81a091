package io.trestle.odoo.standin.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record rules (ir.rule) that shape what the recorded users saw. Rules of a user's groups are OR-ed; a model
 * without a rule for any of the user's groups is not restricted.
 */
final class RecordRules {

    @FunctionalInterface
    interface Condition {

        boolean holds(int uid, Map<String, Object> row);
    }

    record Rule(String model, String group, Set<Operation> operations, Condition condition) {
    }

    private static final Set<Operation> ALL = Set.of(Operation.values());

    static final List<Rule> RULES = List.of(
            // Portal users see only what is shared with them; nothing is shared in the stand-in, so they see none
            // (the recording's portal user got [] from project.task).
            new Rule("project.project", "base.group_portal", ALL, (uid, row) -> false),
            new Rule("project.task", "base.group_portal", ALL, (uid, row) -> false),
            // hr_maintenance: an internal user reaches the requests they own (through their employee) or are
            // responsible for. A user without an employee owns nothing, which is why the recording's bare user
            // could not even create one. Equipment managers see all.
            new Rule("maintenance.request", "base.group_user", ALL,
                    (uid, row) -> Integer.valueOf(uid).equals(row.get("owner_user_id"))
                            || Integer.valueOf(uid).equals(row.get("user_id"))),
            new Rule("maintenance.request", "maintenance.group_equipment_manager", ALL, (uid, row) -> true));

    private RecordRules() {
    }
}
