package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;
import io.trestle.testkit.SettableClock;

/** create, write, unlink and read: atomicity, ids, and what the database keeps. */
class CreateWriteUnlinkTest {

    private SettableClock clock;
    private OdooStandIn odoo;
    private OdooRpc rpc;

    @BeforeEach
    void start() {
        clock = new SettableClock(Instant.parse("2026-11-26T08:00:00Z"));
        odoo = OdooStandIn.start(OdooStandInOptions.defaults().withClock(clock));
        rpc = new OdooRpc(odoo);
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void createAnswersAnIdForADictAndIdsInOrderForAList() {
        assertThat(rpc.admin("project.task", "create", Map.of("name", "Single", "project_id", 1))).isEqualTo(3);
        assertThat(rpc.admin("project.task", "create",
                List.of(Map.of("name", "A"), Map.of("name", "B"), Map.of("name", "C")))).isEqualTo(List.of(4, 5, 6));
    }

    @Test
    void aBatchWithOneBadRowCreatesNothing() {
        int linesBefore = odoo.records("account.analytic.line").size();

        assertThatThrownBy(() -> rpc.admin("account.analytic.line", "create",
                List.of(Map.of("name", "first", "account_id", 1, "amount", -10),
                        Map.of("account_id", 1, "amount", -20),
                        Map.of("name", "third", "account_id", 1, "amount", -30))))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage())
                        .contains("Model: Analytic Line (account.analytic.line)\nField: Description (name)"));

        assertThat(odoo.records("account.analytic.line")).hasSize(linesBefore);
    }

    @Test
    void anInsertThatFailsStillUsesUpItsIdAsAPostgresqlSequenceDoes() {
        int first = (Integer) rpc.admin("project.task", "create", Map.of("name", "first"));
        assertThatThrownBy(() -> rpc.admin("project.task", "create", Map.of("project_id", 1)))
                .isInstanceOf(OdooRpcException.class);

        assertThat(rpc.admin("project.task", "create", Map.of("name", "after the failure"))).isEqualTo(first + 2);
    }

    @Test
    void writeChangesOnlyTheGivenRecordsAndStampsTheWriteDate() {
        int task = (Integer) rpc.admin("project.task", "create", Map.of("name", "Pour", "project_id", 1));
        clock.set(Instant.parse("2026-11-26T09:30:00Z"));

        assertThat(rpc.admin("project.task", "write", List.of(task),
                Map.of("name", "Pour (renamed)", "date_deadline", "2026-12-01 14:00:00", "user_ids",
                        List.of(List.of(6, 0, List.of(2))))))
                .isEqualTo(true);

        Map<String, Object> written = rpc.searchRead("project.task", List.of(List.of("id", "=", task)),
                Map.of("fields", List.of("name", "date_deadline", "user_ids", "create_date", "write_date"))).get(0);
        assertThat(written).containsEntry("name", "Pour (renamed)")
                .containsEntry("date_deadline", "2026-12-01 14:00:00")
                .containsEntry("user_ids", List.of(2)).containsEntry("create_date", "2026-11-26 08:00:00")
                .containsEntry("write_date", "2026-11-26 09:30:00");
        assertThat(rpc.searchRead("project.task", List.of(List.of("id", "=", 1)), Map.of("fields", List.of("name"))))
                .extracting(row -> row.get("name")).containsExactly("Training");
    }

    @Test
    void writeAndUnlinkOfAMissingRecordRaiseMissingErrorNamingOnlyTheMissingIds() {
        assertThatThrownBy(() -> rpc.admin("project.task", "write", List.of(1, 424242), Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.MissingError");
                    assertThat(e.odooMessage()).isEqualTo(
                            "Record does not exist or has been deleted.\n(Record: project.task(424242,), User: 2)");
                });
        assertThatThrownBy(() -> rpc.admin("project.task", "unlink", List.of(424242, 424243)))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage())
                        .endsWith("(Record: project.task(424242, 424243), User: 2)"));
        assertThat(rpc.searchRead("project.task", List.of(List.of("id", "=", 1)), Map.of("fields", List.of("name"))))
                .extracting(row -> row.get("name")).containsExactly("Training");
    }

    @Test
    void readDropsMissingIdsSilentlyAndKeepsTheOrderAsked() {
        assertThat(
                rpc.adminKw("project.task", "read", List.of(List.of(2, 99999, 1)), Map.of("fields", List.of("name"))))
                .isEqualTo(List.of(Map.of("id", 2, "name", "Meeting"), Map.of("id", 1, "name", "Training")));
    }

    @Test
    void manyToOneReadsAsIdAndDisplayNameOrFalseAndDatesAsUtcText() {
        int equipment = (Integer) rpc.admin("maintenance.equipment", "create",
                Map.of("name", "Crane", "serial_no", "CR-3"));
        int request = (Integer) rpc.admin("maintenance.request", "create",
                Map.of("name", "Leak", "equipment_id", equipment, "schedule_date", "2026-12-02 07:30"));

        Map<String, Object> read = rpc.searchRead("maintenance.request", List.of(List.of("id", "=", request)),
                Map.of("fields", List.of("equipment_id", "user_id", "schedule_date", "request_date"))).get(0);

        assertThat(read).containsEntry("equipment_id", List.of(equipment, "Crane/CR-3"))
                .containsEntry("user_id", false).containsEntry("schedule_date", "2026-12-02 07:30:00")
                .containsEntry("request_date", "2026-11-26");
    }

    @Test
    void unlinkRefusesWhatOtherRecordsRequireAndCascadesWhatBelongsToTheRecord() {
        int project = (Integer) rpc.admin("project.project", "create", Map.of("name", "Site B"));
        int task = (Integer) rpc.admin("project.task", "create", Map.of("name", "Dig", "project_id", project));
        List<?> accountRef = (List<?>) rpc.searchRead("project.project", List.of(List.of("id", "=", project)),
                Map.of("fields", List.of("analytic_account_id"))).get(0).get("analytic_account_id");
        int account = (Integer) accountRef.get(0);
        rpc.admin("account.analytic.line", "create", Map.of("name", "Cost", "account_id", account, "amount", -5));

        assertThatThrownBy(() -> rpc.admin("account.analytic.account", "unlink", List.of(account)))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.ValidationError");
                    assertThat(e.odooMessage()).contains("Model: Analytic Line (account.analytic.line)\n"
                            + "Constraint: account_analytic_line_account_id_fkey");
                });
        rpc.admin("project.project", "unlink", List.of(project));

        assertThat(odoo.records("project.task")).extracting(row -> row.get("id")).doesNotContain(task);
        assertThat(odoo.records("account.analytic.account")).extracting(row -> row.get("id")).contains(account);
    }

    @Test
    void aTranslatedNameIsStoredPerLanguageAndReadAsText() {
        int project = (Integer) rpc.admin("project.project", "create", Map.of("name", "Bridge"));
        rpc.adminKw("project.project", "write", List.of(List.of(project), Map.of("name", "Pont")),
                Map.of("context", Map.of("lang", "fr_FR")));

        Object english = rpc.adminKw("project.project", "read", List.of(List.of(project)),
                Map.of("fields", List.of("name")));
        Object french = rpc.adminKw("project.project", "read", List.of(List.of(project)),
                Map.of("fields", List.of("name"), "context", Map.of("lang", "fr_FR")));

        assertThat(english).isEqualTo(List.of(Map.of("id", project, "name", "Bridge")));
        assertThat(french).isEqualTo(List.of(Map.of("id", project, "name", "Pont")));
    }

    @Test
    void purchaseOrdersTakeTheNextReferenceAndTotalTheirLines() {
        int vendor = (Integer) rpc.admin("res.partner", "create", Map.of("name", "Hydraulics Ltd", "is_company", true));
        int seal = (Integer) rpc.admin("product.product", "create",
                Map.of("name", "Hydraulic seal", "default_code", "HS-10", "standard_price", 12.5));
        int order = (Integer) rpc.admin("purchase.order", "create", Map.of("partner_id", vendor, "origin", "WO-77",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", seal, "product_qty", 4)))));

        Map<String, Object> read = rpc.searchRead("purchase.order", List.of(List.of("id", "=", order)),
                Map.of("fields", List.of("name", "state", "amount_total", "order_line"))).get(0);
        assertThat(read).containsEntry("name", "P00001").containsEntry("state", "draft")
                .containsEntry("amount_total", 50.0);
        List<Map<String, Object>> lines = rpc.searchRead("purchase.order.line",
                List.of(List.of("order_id", "=", order)),
                Map.of("fields", List.of("name", "product_uom", "price_unit")));
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("name", "[HS-10] Hydraulic seal").containsEntry("product_uom", List.of(1, "Units"))
                .containsEntry("price_unit", 12.5));
        assertThat(read.get("order_line")).isEqualTo(List.of(lines.get(0).get("id")));
    }
}
