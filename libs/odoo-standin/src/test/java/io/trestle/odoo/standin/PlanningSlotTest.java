package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;

/** Enterprise planning's shifts ({@code planning.slot}) on a stand-in started with planning. */
class PlanningSlotTest {

    private static final String MODEL = "planning.slot";

    private OdooStandIn odoo;
    private OdooRpc rpc;
    private int user;
    private int employee;
    private int resource;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults().withEnterprisePlanning(true));
        rpc = new OdooRpc(odoo);
        user = (Integer) rpc.admin("res.users", "create", Map.of("name", "Crew lead", "login", "lead"));
        employee = (Integer) rpc.admin("hr.employee", "create", Map.of("name", "Crew lead", "user_id", user));
        resource = (Integer) ((List<?>) read("hr.employee", employee, "resource_id")
                .get("resource_id")).get(0);
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void aShiftOfAnEmployeesResourceIsTheirsForItsWholePeriodAndStartsAsADraft() {
        int slot = (Integer) rpc.admin(MODEL, "create", Map.of("resource_id", resource, "project_id", 1,
                "start_datetime", "2026-12-01 07:00:00", "end_datetime", "2026-12-01 15:30:00"));

        Map<String, Object> read = read(MODEL, slot, "employee_id", "user_id", "project_id", "allocated_hours",
                "state");
        assertThat(read.get("employee_id")).isEqualTo(List.of(employee, "Crew lead"));
        assertThat(read.get("user_id")).isEqualTo(List.of(user, "Crew lead"));
        assertThat(read.get("project_id")).isEqualTo(List.of(1, "Internal"));
        assertThat(read.get("allocated_hours")).isEqualTo(8.5);
        assertThat(read.get("state")).isEqualTo("draft");
    }

    @Test
    void aShiftNeedsItsPeriodAndEndsAfterItStartsWithHoursThatAreNotNegative() {
        assertThatThrownBy(() -> rpc.admin(MODEL, "create",
                Map.of("resource_id", resource, "end_datetime", "2026-12-01 15:00:00")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.ValidationError");
                    assertThat(e.odooMessage()).contains("Field: Start Date (start_datetime)");
                });
        assertThatThrownBy(() -> rpc.admin(MODEL, "create", slot("2026-12-01 15:00:00", "2026-12-01 07:00:00")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage()).isEqualTo(
                        "The operation cannot be completed: The end date of a shift should be after its start date."));
        Map<String, Object> negative = new HashMap<>(slot("2026-12-01 07:00:00", "2026-12-01 15:00:00"));
        negative.put("allocated_hours", -1);
        assertThatThrownBy(() -> rpc.admin(MODEL, "create", negative))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage()).isEqualTo(
                        "The operation cannot be completed: Allocated hours and allocated time percentage cannot be "
                                + "negative."));
        assertThat(odoo.records(MODEL)).isEmpty();
    }

    @Test
    void loadingAShiftAgainUnderItsExternalIdMovesItAndUnlinkingRemovesTheExternalId() {
        List<String> fields = List.of("id", "resource_id/.id", "start_datetime", "end_datetime", "allocated_hours");

        Object first = rpc.admin(MODEL, "load", fields, List.of(List.of("trestle.crew_assignment_A1",
                String.valueOf(resource), "2026-12-01 07:00:00", "2026-12-01 15:00:00", "6")));
        Object second = rpc.admin(MODEL, "load", fields, List.of(List.of("trestle.crew_assignment_A1",
                String.valueOf(resource), "2026-12-02 07:00:00", "2026-12-02 15:00:00", "7")));

        assertThat(second).isEqualTo(first);
        assertThat(odoo.records(MODEL)).singleElement().satisfies(slot -> {
            assertThat(slot.get("start_datetime")).isEqualTo("2026-12-02 07:00:00");
            assertThat(slot.get("allocated_hours")).isEqualTo(7.0);
        });
        int id = (Integer) odoo.records(MODEL).get(0).get("id");
        rpc.admin(MODEL, "unlink", List.of(id));
        assertThat(rpc.admin("ir.model.data", "search_count", List.of(List.of("model", "=", MODEL)))).isEqualTo(0);
    }

    @Test
    void planningUsersReadShiftsAndOnlyPlanningAdministratorsWriteThem() {
        int planner = (Integer) rpc.admin("res.users", "create", Map.of("name", "Planner", "login", "planner",
                "password", "planner-pw", "groups_id", List.of(List.of(6, 0, List.of(67)))));

        assertThat(rpc.execute(planner, "planner-pw", MODEL, "search", List.of(List.of()), Map.of()))
                .isEqualTo(List.of());
        assertThatThrownBy(() -> rpc.execute(planner, "planner-pw", MODEL, "create",
                List.of(slot("2026-12-01 07:00:00", "2026-12-01 15:00:00")), Map.of()))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage())
                        .isEqualTo("You are not allowed to create 'Planning Shift' (planning.slot) records.\n\n"
                                + "This operation is allowed for the following groups:\n\t- Planning/Administrator"
                                + "\n\nContact your administrator to request access if necessary."));
        assertThat(rpc.admin(MODEL, "create", slot("2026-12-01 07:00:00", "2026-12-01 15:00:00")))
                .as("the admin administers planning").isInstanceOf(Integer.class);
    }

    private Map<String, Object> slot(String start, String end) {
        return Map.of("resource_id", resource, "start_datetime", start, "end_datetime", end);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String model, int id, String... fields) {
        return ((List<Map<String, Object>>) rpc.admin(model, "read", List.of(id), List.of(fields))).get(0);
    }
}
