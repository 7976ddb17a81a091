package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;

/** {@code load}: the idempotent upsert by external id that Trestle's sink relies on. */
class LoadTest {

    private static final List<String> FIELDS = List.of("id", "name", "date", "amount", "unit_amount", "ref",
            "account_id/.id");

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
    void loadingTheSameExternalIdsAgainUpdatesTheSameRecords() {
        Object first = load(FIELDS, List.of(row("trestle.cost_1", "-412.50"), row("trestle.cost_2", "-900.00")));
        Object second = load(FIELDS, List.of(row("trestle.cost_1", "-420.00"), row("trestle.cost_2", "-900.00")));

        assertThat(first).isEqualTo(Map.of("ids", List.of(1, 2), "messages", List.of(), "nextrow", 0));
        assertThat(second).isEqualTo(first);
        assertThat(odoo.records("account.analytic.line")).extracting(line -> line.get("amount"))
                .containsExactly(-420.0, -900.0);
        assertThat(rpc.searchRead("ir.model.data", List.of(List.of("module", "=", "trestle")),
                Map.of("fields", List.of("name", "model", "res_id"), "order", "name")))
                .extracting(data -> data.get("name") + ":" + data.get("model") + ":" + data.get("res_id"))
                .containsExactly("cost_1:account.analytic.line:1", "cost_2:account.analytic.line:2");
    }

    @Test
    void anExternalIdWithoutModuleBelongsToImport() {
        load(List.of("id", "name", "account_id/.id"), List.of(List.of("cost_9", "Fuel", "1")));

        assertThat(rpc.searchRead("ir.model.data", List.of(List.of("model", "=", "account.analytic.line")),
                Map.of("fields", List.of("complete_name")))).extracting(data -> data.get("complete_name"))
                .containsExactly("__import__.cost_9");
    }

    @Test
    void aValueThatDoesNotConvertGivesAMessageAndNoIdsAndWritesNothing() {
        Object result = load(FIELDS, List.of(row("trestle.cost_1", "-10"), row("trestle.cost_2", "not-a-number")));

        assertThat(result).isEqualTo(Map.of("ids", false, "nextrow", 0, "messages", List.of(Map.of("rows",
                Map.of("from", 1, "to", 1), "type", "error", "record", 1, "field", "amount", "message",
                "'not-a-number' does not seem to be a number for field 'Amount'", "field_name", "Amount"))));
        assertThat(odoo.records("account.analytic.line")).isEmpty();
        assertThat(odoo.records("ir.model.data")).extracting(data -> data.get("module")).doesNotContain("trestle");
    }

    @Test
    void aRecordTheDatabaseRefusesIsReportedPerRowAndTheOthersAreNotKept() {
        Object result = load(List.of("id", "name", "account_id/.id"),
                List.of(List.of("trestle.ok", "Fuel", "1"), List.of("trestle.nameless", "", "1")));

        assertThat(result).isEqualTo(Map.of("ids", false, "nextrow", 0, "messages",
                List.of(Map.of("rows", Map.of("from", 1, "to", 1), "record", 1, "type", "error", "message",
                        "Missing required value for the field 'Description' (name)", "field", "name"))));
        assertThat(odoo.records("account.analytic.line")).isEmpty();
    }

    @Test
    void aManyToOneCanBeGivenByExternalIdAndAnUnknownOneIsReported() {
        rpc.admin("ir.model.data", "create",
                Map.of("module", "trestle", "name", "project_site_a", "model", "project.project", "res_id", 1));

        Object loaded = load(List.of("id", "name", "project_id/id"),
                List.of(List.of("trestle.hours_1", "Formwork", "trestle.project_site_a")));
        Object unknown = load(List.of("id", "name", "project_id/id"),
                List.of(List.of("trestle.hours_2", "Formwork", "trestle.no_such_project")));

        assertThat(loaded).isEqualTo(Map.of("ids", List.of(1), "messages", List.of(), "nextrow", 0));
        assertThat(rpc.searchRead("account.analytic.line", List.of(),
                Map.of("fields", List.of("project_id", "account_id", "product_uom_id"))))
                .containsExactly(Map.of("id", 1, "project_id", List.of(1, "Internal"), "account_id",
                        List.of(1, "Internal"), "product_uom_id", List.of(4, "Hours")));
        assertThat(unknown).isEqualTo(Map.of("ids", false, "nextrow", 0, "messages", List.of(Map.of("rows",
                Map.of("from", 0, "to", 0), "type", "error", "record", 0, "field", "project_id", "message",
                "No matching record found for external id 'trestle.no_such_project' in field 'Project'",
                "moreinfo", Map.of("name", "Possible Values", "type", "ir.actions.act_window", "target", "new",
                        "view_mode", "tree,form", "views", List.of(List.of(false, "list"), List.of(false, "form")),
                        "context", Map.of("create", false), "help", "See all possible values", "res_model",
                        "ir.model.data", "domain", List.of(List.of("model", "=", "project.project"))),
                "field_name", "Project"))));
    }

    @Test
    void anUnknownColumnIsAKeyError() {
        assertThatThrownBy(() -> load(List.of("id", "name", "cost_code"), List.of(List.of("x", "y", "z"))))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("builtins.KeyError");
                    assertThat(e.odooMessage()).isEqualTo("cost_code");
                });
    }

    private Object load(List<String> fields, List<List<String>> rows) {
        return rpc.admin("account.analytic.line", "load", fields, rows);
    }

    private static List<String> row(String externalId, String amount) {
        return List.of(externalId, "Excavator usage", "2026-11-26", amount, "5.5", "ref-" + externalId, "1");
    }
}
