package io.trestle.odoo.standin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.trestle.testkit.SettableClock;

/**
 * Recreates what the recorded server held before the transcript began: an earlier run of the same recording script
 * (suffix 233121), which left users 6–8, projects 2–4, tasks 3–6 (task 7 was consumed by a failed create), equipment 1,
 * request 1 (request 2 consumed likewise) and analytic lines 1–12. The times are those the transcript shows, so that
 * {@code write_date} cursors order records as recorded.
 */
final class RecordedHistory {

    private RecordedHistory() {
    }

    static void recreate(OdooStandIn standIn, SettableClock clock) {
        OdooRpc rpc = new OdooRpc(standIn);
        clock.set(Instant.parse("2026-11-26T23:31:20Z"));
        int limited = (Integer) rpc.admin("res.users", "create",
                Map.of("name", "Limited 233121", "login", "limited_233121", "password", "limited-pw-233121"));
        rpc.admin("res.users", "create", Map.of("name", "Bare internal 233121", "login", "bare_233121", "password",
                "bare-pw-233121", "groups_id", List.of(List.of(6, 0, List.of(1)))));
        rpc.admin("res.users", "create", Map.of("name", "Portal 233121", "login", "portal_233121", "password",
                "portal-pw-233121", "groups_id", List.of(List.of(6, 0, List.of(10)))));

        clock.set(Instant.parse("2026-11-26T23:31:26Z"));
        rpc.admin("project.project", "create", Map.of("name", "Site A 233121", "allow_timesheets", true));
        clock.set(Instant.parse("2026-11-26T23:31:27Z"));
        rpc.admin("project.task", "create", Map.of("name", "Pour foundation 233121", "project_id", 2));
        rpc.admin("project.task", "create", List.of(Map.of("name", "Batch task 0 233121", "project_id", 2),
                Map.of("name", "Batch task 1 233121", "project_id", 2),
                Map.of("name", "Batch task 2 233121", "project_id", 2)));
        failsButConsumesAnId(rpc, "project.task", Map.of("project_id", 2));
        rpc.admin("maintenance.equipment", "create", Map.of("name", "Excavator 233121", "serial_no", "EXC-233121"));
        rpc.admin("maintenance.request", "create", Map.of("name", "Hydraulic leak 233121", "equipment_id", 1));
        failsButConsumesAnId(rpc, "maintenance.request", Map.of("equipment_id", 1));
        for (int i = 1; i <= 12; i++) {
            rpc.admin("account.analytic.line", "create",
                    Map.of("name", "Cost " + i + " 233121", "account_id", 2, "amount", -10.0 * i));
        }
        clock.set(Instant.parse("2026-11-26T23:31:28Z"));
        rpc.admin("project.task", "write", List.of(3), Map.of("name", "Pour foundation (renamed) 233121"));

        clock.set(Instant.parse("2026-11-26T23:31:32Z"));
        rpc.execute(limited, "limited-pw-233121", "project.project", "create", List.of(Map.of("name", "nope")),
                Map.of());
        clock.set(Instant.parse("2026-11-26T23:31:36Z"));
        rpc.execute(limited, "limited-pw-233121", "project.project", "create", List.of(Map.of("name", "nope")),
                Map.of());
    }

    /** A create without its required name reaches the INSERT, so PostgreSQL's sequence moves on. */
    private static void failsButConsumesAnId(OdooRpc rpc, String model, Map<String, Object> vals) {
        try {
            rpc.admin(model, "create", vals);
        } catch (OdooRpc.OdooRpcException e) {
            if (!e.name().equals("odoo.exceptions.ValidationError")) {
                throw e;
            }
            return;
        }
        throw new IllegalStateException("Creating " + model + " without a name should have failed");
    }
}
