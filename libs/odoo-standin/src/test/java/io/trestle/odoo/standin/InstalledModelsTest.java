package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;

/**
 * {@code ir.model}, where a client asks which modules are installed: the recorded Community server has no planning, and
 * the stand-in started with {@code withEnterprisePlanning(true)} has it.
 */
class InstalledModelsTest {

    private OdooStandIn odoo;

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void communityListsEveryModelItServesButNotPlanning() {
        OdooRpc rpc = start(OdooStandInOptions.defaults());

        List<Map<String, Object>> models = rpc.searchRead("ir.model",
                List.of(List.of("model", "in", List.of("project.task", "ir.model", "planning.slot"))),
                Map.of("fields", List.of("model", "name", "state")));

        assertThat(models).extracting(model -> model.get("model") + ":" + model.get("name") + ":" + model.get("state"))
                .containsExactly("ir.model:Models:base", "project.task:Task:base");
        assertThat(rpc.admin("ir.model", "search_count", List.of(List.of("model", "=", "planning.slot"))))
                .isEqualTo(0);
        assertThat(rpc.admin("ir.model", "search_count", List.of())).isEqualTo(odoo.records("ir.model").size());
    }

    @Test
    void communityAnswersPlanningCallsAsForAnyUnknownModel() {
        OdooRpc rpc = start(OdooStandInOptions.defaults());

        assertThatThrownBy(() -> rpc.admin("planning.slot", "search", List.of()))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.UserError");
                    assertThat(e.odooMessage()).isEqualTo("Object planning.slot doesn't exist");
                });
        assertThatThrownBy(() -> odoo.records("planning.slot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyInternalUserReadsTheModelsButOnlyAccessRightsManagersChangeThem() {
        OdooRpc rpc = start(OdooStandInOptions.defaults());
        int bare = (Integer) rpc.admin("res.users", "create", Map.of("name", "Bare internal", "login", "bare",
                "password", "bare-pw", "groups_id", List.of(List.of(6, 0, List.of(1)))));

        assertThat(rpc.execute(bare, "bare-pw", "ir.model", "search_count",
                List.of(List.of(List.of("model", "=", "project.task"))), Map.of())).isEqualTo(1);
        assertThatThrownBy(() -> rpc.execute(bare, "bare-pw", "ir.model", "create",
                List.of(Map.of("model", "x_crane", "name", "Crane")), Map.of()))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage())
                        .isEqualTo("You are not allowed to create 'Models' (ir.model) records.\n\n"
                                + "This operation is allowed for the following groups:\n\t- Administration/Access Rights"
                                + "\n\nContact your administrator to request access if necessary."));
    }

    @Test
    void enterprisePlanningIsListedAndServed() {
        OdooRpc rpc = start(OdooStandInOptions.defaults().withEnterprisePlanning(true));

        assertThat(rpc.admin("ir.model", "search_count", List.of(List.of("model", "=", "planning.slot"))))
                .isEqualTo(1);
        assertThat(rpc.admin("planning.slot", "search", List.of())).isEqualTo(List.of());
    }

    @Test
    void anEmployeeIsAResourceThatFollowsItsNameAndUser() {
        OdooRpc rpc = start(OdooStandInOptions.defaults());
        int user = (Integer) rpc.admin("res.users", "create", Map.of("name", "Foreman", "login", "foreman"));
        int employee = (Integer) rpc.admin("hr.employee", "create", Map.of("name", "Foreman", "user_id", user));

        int resource = (Integer) ((List<?>) employee(rpc, employee).get("resource_id")).get(0);
        rpc.admin("hr.employee", "write", List.of(employee), Map.of("name", "Site foreman"));

        assertThat(rpc.admin("resource.resource", "read", List.of(resource),
                List.of("name", "user_id", "resource_type")))
                .isEqualTo(List.of(Map.of("id", resource, "name", "Site foreman", "user_id", List.of(user, "Foreman"),
                        "resource_type", "user")));
    }

    private OdooRpc start(OdooStandInOptions options) {
        odoo = OdooStandIn.start(options);
        return new OdooRpc(odoo);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> employee(OdooRpc rpc, int id) {
        return ((List<Map<String, Object>>) rpc.admin("hr.employee", "read", List.of(id), List.of("resource_id")))
                .get(0);
    }
}
