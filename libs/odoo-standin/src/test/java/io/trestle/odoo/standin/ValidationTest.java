package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;
import io.trestle.testkit.SettableClock;

/** Required fields, selections, many2one targets, types and constraints, with Odoo 17's error classes and texts. */
class ValidationTest {

    private OdooStandIn odoo;
    private OdooRpc rpc;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        rpc = new OdooRpc(odoo);
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void aMissingRequiredFieldIsAValidationErrorNamingModelAndField() {
        assertOdooError(() -> rpc.admin("account.analytic.line", "create", Map.of("account_id", 1, "amount", -5)),
                "odoo.exceptions.ValidationError", "The operation cannot be completed:\n"
                        + "- Create/update: a mandatory field is not set.\n"
                        + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                        + "Model: Analytic Line (account.analytic.line)\nField: Description (name)\n");
        assertOdooError(() -> rpc.admin("maintenance.equipment", "create",
                Map.of("name", "Loader", "effective_date", false)), "odoo.exceptions.ValidationError",
                "The operation cannot be completed:\n"
                        + "- Create/update: a mandatory field is not set.\n"
                        + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                        + "Model: Maintenance Equipment (maintenance.equipment)\nField: Effective Date (effective_date)\n");
    }

    @Test
    void requiredFieldsWithADefaultMayBeLeftOut() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-26T08:00:00Z"));
        try (OdooStandIn dated = OdooStandIn.start(OdooStandInOptions.defaults().withClock(clock))) {
            OdooRpc datedRpc = new OdooRpc(dated);
            int line = (Integer) datedRpc.admin("account.analytic.line", "create",
                    Map.of("name", "Fuel", "account_id", 1));
            int equipment = (Integer) datedRpc.admin("maintenance.equipment", "create", Map.of("name", "Loader"));

            assertThat(datedRpc.searchRead("account.analytic.line", List.of(List.of("id", "=", line)),
                    Map.of("fields", List.of("amount", "date")))).containsExactly(
                            Map.of("id", line, "amount", 0.0, "date", "2026-11-26"));
            assertThat(datedRpc.searchRead("maintenance.equipment", List.of(List.of("id", "=", equipment)),
                    Map.of("fields", List.of("effective_date"))))
                    .containsExactly(Map.of("id", equipment, "effective_date", "2026-11-26"));
        }
    }

    @Test
    void aValueOutsideASelectionIsAValueError() {
        assertOdooError(() -> rpc.admin("maintenance.request", "create", Map.of("name", "x", "priority", "5")),
                "builtins.ValueError", "Wrong value for maintenance.request.priority: '5'");
        assertOdooError(() -> rpc.admin("maintenance.request", "create", Map.of("name", "x", "priority", 2)),
                "builtins.ValueError", "Wrong value for maintenance.request.priority: 2");
    }

    @Test
    void aManyToOneToAMissingRecordFailsAsOdooDoesForThatModel() {
        // project.task reads its project while creating: MissingError, before anything is inserted.
        assertOdooError(() -> rpc.admin("project.task", "create", Map.of("name", "x", "project_id", 777)),
                "odoo.exceptions.MissingError",
                "Record does not exist or has been deleted.\n(Record: project.project(777,), User: 2)");
        // An analytic line does not: the foreign key refuses the insert.
        assertOdooError(() -> rpc.admin("account.analytic.line", "create",
                List.of(Map.of("name", "ok", "account_id", 1), Map.of("name", "bad", "account_id", 777))),
                "odoo.exceptions.ValidationError",
                "The operation cannot be completed: another model requires the record being deleted. If possible, "
                        + "archive it instead.\n\nModel: Analytic Line (account.analytic.line)\n"
                        + "Constraint: account_analytic_line_account_id_fkey\n");
        assertThat(odoo.records("account.analytic.line")).isEmpty();
    }

    @Test
    void unknownFieldsAreValueErrorsWhereverTheyAppear() {
        String invalid = "Invalid field 'cost_code' on model 'account.analytic.line'";
        assertOdooError(() -> rpc.admin("account.analytic.line", "create", Map.of("name", "x", "cost_code", "A")),
                "builtins.ValueError", invalid);
        assertOdooError(() -> rpc.adminKw("account.analytic.line", "search_read", List.of(List.of()),
                Map.of("fields", List.of("cost_code"))), "builtins.ValueError", invalid);
        assertOdooError(() -> rpc.admin("account.analytic.line", "search", List.of(List.of("cost_code", "=", "A"))),
                "builtins.ValueError",
                "Invalid field account.analytic.line.cost_code in leaf ('cost_code', '=', 'A')");
        assertOdooError(() -> rpc.adminKw("account.analytic.line", "search", List.of(List.of()),
                Map.of("order", "cost_code desc")), "builtins.ValueError", invalid);
    }

    @Test
    void valuesThatDoNotConvertFailAsPythonsConversionsDo() {
        assertOdooError(() -> rpc.admin("account.analytic.line", "create", Map.of("name", "x", "amount", "lots")),
                "builtins.ValueError", "could not convert string to float: 'lots'");
        assertOdooError(() -> rpc.admin("account.analytic.line", "create", Map.of("name", "x", "date", "2026-13-01")),
                "builtins.ValueError", "time data '2026-13-01' does not match format '%Y-%m-%d'");
        assertOdooError(() -> rpc.admin("maintenance.request", "create",
                Map.of("name", "x", "schedule_date", "2026-12-01T10:00:00")), "builtins.ValueError",
                "time data '2026-12-01T10:00:00' does not match format '%Y-%m-%d %H:%M:%S'");
        assertOdooError(() -> rpc.admin("project.task", "create", Map.of("name", "x", "project_id", "Internal")),
                "builtins.ValueError", "Wrong value for project.task.project_id: 'Internal'");
    }

    @Test
    void aSecondEquipmentWithTheSameSerialNumberViolatesItsUniqueConstraint() {
        rpc.admin("maintenance.equipment", "create", Map.of("name", "Excavator", "serial_no", "EX-12"));

        assertOdooError(() -> rpc.admin("maintenance.equipment", "create",
                Map.of("name", "Another excavator", "serial_no", "EX-12")), "odoo.exceptions.ValidationError",
                "The operation cannot be completed: Another asset already exists with this serial number!");
    }

    @Test
    void aRequestWithoutTeamGetsTheDefaultTeamOrItsEquipmentsAndNeedsOneToExist() {
        int team = (Integer) rpc.admin("maintenance.team", "create", Map.of("name", "Heavy plant"));
        int equipment = (Integer) rpc.admin("maintenance.equipment", "create",
                Map.of("name", "Dozer", "maintenance_team_id", team));
        int plain = (Integer) rpc.admin("maintenance.request", "create", Map.of("name", "Noise"));
        int withEquipment = (Integer) rpc.admin("maintenance.request", "create",
                Map.of("name", "Leak", "equipment_id", equipment));

        assertThat(teamOf(plain)).isEqualTo(List.of(1, "Internal Maintenance"));
        assertThat(teamOf(withEquipment)).isEqualTo(List.of(team, "Heavy plant"));

        rpc.admin("maintenance.team", "write", List.of(1, team), Map.of("active", false));
        assertOdooErrorEndingWith(() -> rpc.admin("maintenance.request", "create", Map.of("name", "Orphan")),
                "odoo.exceptions.ValidationError", "Model: Maintenance Request (maintenance.request)\n"
                        + "Field: Team (maintenance_team_id)\n");
    }

    @Test
    void closingARequestInADoneStageStampsTheCloseDate() {
        int request = (Integer) rpc.admin("maintenance.request", "create", Map.of("name", "Leak"));
        rpc.admin("maintenance.request", "write", List.of(request), Map.of("stage_id", 3));

        Map<String, Object> read = rpc.searchRead("maintenance.request", List.of(List.of("id", "=", request)),
                Map.of("fields", List.of("stage_id", "close_date", "done"))).get(0);
        assertThat(read.get("stage_id")).isEqualTo(List.of(3, "Repaired"));
        assertThat(read.get("done")).isEqualTo(true);
        assertThat((String) read.get("close_date")).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void aPurchaseLineWithoutProductBreaksTheAccountableLineConstraint() {
        int vendor = (Integer) rpc.admin("res.partner", "create", Map.of("name", "Vendor"));
        assertOdooError(() -> rpc.admin("purchase.order", "create", Map.of("partner_id", vendor, "order_line",
                List.of(List.of(0, 0, Map.of("name", "Something", "product_qty", 1))))),
                "odoo.exceptions.ValidationError",
                "The operation cannot be completed: Missing required fields on accountable purchase order line.");
        assertThat(odoo.records("purchase.order")).isEmpty();
    }

    private Object teamOf(int request) {
        return rpc.searchRead("maintenance.request", List.of(List.of("id", "=", request)),
                Map.of("fields", List.of("maintenance_team_id"))).get(0).get("maintenance_team_id");
    }

    private static void assertOdooError(ThrowingCallable call, String name, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OdooRpcException.class, e -> {
            assertThat(e.name()).isEqualTo(name);
            assertThat(e.odooMessage()).isEqualTo(message);
        });
    }

    private static void assertOdooErrorEndingWith(ThrowingCallable call, String name, String messageEnd) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OdooRpcException.class, e -> {
            assertThat(e.name()).isEqualTo(name);
            assertThat(e.odooMessage()).endsWith(messageEnd);
        });
    }
}
