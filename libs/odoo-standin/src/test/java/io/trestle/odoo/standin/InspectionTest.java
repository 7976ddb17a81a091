package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What tests read back from the stand-in: records, call counts, the request log, and reset. */
class InspectionTest {

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
    void callsAreCountedPerModelAndMethodWhateverTheirOutcome() {
        rpc.call("common", "authenticate", "constr", "admin", odoo.adminApiKey(), Map.of());
        rpc.admin("account.analytic.line", "create", Map.of("name", "Fuel", "account_id", 1));
        rpc.admin("account.analytic.line", "create", List.of(Map.of("name", "Oil"), Map.of("name", "Grease")));
        try {
            rpc.execute(2, "wrong", "account.analytic.line", "create", List.of(Map.of("name", "x")), Map.of());
        } catch (OdooRpc.OdooRpcException e) {
            assertThat(e.name()).isEqualTo("odoo.exceptions.AccessDenied");
        }

        assertThat(odoo.callCount("account.analytic.line", "create")).isEqualTo(3);
        assertThat(odoo.callCount("common", "authenticate")).isEqualTo(1);
        assertThat(odoo.callCount("account.analytic.line", "write")).isZero();
        assertThat(odoo.callCounts()).isEqualTo(Map.of("account.analytic.line", Map.of("create", 3L), "common",
                Map.of("authenticate", 1L)));
    }

    @Test
    void theRequestLogSaysWhatWasCalledAndHowItEnded() {
        rpc.admin("project.task", "search", List.of());
        assertThatThrownBy(() -> rpc.admin("project.task", "create", Map.of("foo", 1)))
                .isInstanceOf(OdooRpc.OdooRpcException.class);

        assertThat(odoo.requests()).extracting(LoggedRequest::httpMethod, LoggedRequest::path, LoggedRequest::status,
                LoggedRequest::model, LoggedRequest::method, LoggedRequest::error)
                .containsExactly(
                        tuple("POST", "/jsonrpc", 200, Optional.of("project.task"),
                                Optional.of("search"), Optional.empty()),
                        tuple("POST", "/jsonrpc", 200, Optional.of("project.task"),
                                Optional.of("create"), Optional.of("builtins.ValueError")));
    }

    @Test
    void recordsShowEveryFieldAsReadAnswersIt() {
        int line = odoo.seed("account.analytic.line", Map.of("name", "Concrete", "account_id", 1, "amount", -1250,
                "unit_amount", 5, "ref", "posting-17"));

        Map<String, Object> record = odoo.records("account.analytic.line").get(0);

        assertThat(record).containsEntry("id", line).containsEntry("name", "Concrete")
                .containsEntry("account_id", List.of(1, "Internal")).containsEntry("amount", -1250.0)
                .containsEntry("unit_amount", 5.0).containsEntry("ref", "posting-17").containsEntry("task_id", false)
                .containsEntry("employee_id", List.of(1, "Administrator"))
                .containsEntry("create_uid", List.of(2, "Administrator"));
        assertThat(record.keySet()).startsWith("id", "name", "date", "amount", "unit_amount");
        assertThatThrownBy(() -> odoo.records("planning.slot")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The Odoo stand-in has no model 'planning.slot'");
    }

    @Test
    void resetReturnsToAFreshDatabaseWithoutCountsOrFaults() {
        odoo.seed("project.task", Map.of("name", "Temporary"));
        rpc.admin("project.task", "search", List.of());
        odoo.faults().serializationFailures(5);

        odoo.reset();

        assertThat(odoo.records("project.task")).extracting(task -> task.get("name"))
                .containsExactly("Training", "Meeting");
        assertThat(odoo.callCounts()).isEmpty();
        assertThat(odoo.requests()).isEmpty();
        assertThat(rpc.admin("project.task", "create", Map.of("name", "After reset"))).isEqualTo(3);
    }
}
