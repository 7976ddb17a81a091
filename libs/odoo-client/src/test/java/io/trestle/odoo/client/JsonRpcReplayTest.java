package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the recorded Odoo 17 answers: every request must equal one the real server was sent (ids aside),
 * and the results must read as the real server meant them.
 */
class JsonRpcReplayTest {

    private Replay replay;
    private FakeOdoo odoo;
    private OdooClient client;

    private void serve(String... labels) {
        replay = Replay.of(labels);
        odoo = FakeOdoo.start(replay);
        client = TestClients.client(TestClients.jsonRpc(odoo.url()));
    }

    @AfterEach
    void requestsMatchedTheRecording() {
        client.close();
        odoo.close();
        assertThat(replay.unmatched()).as("requests the real Odoo was never sent").isEmpty();
    }

    @Test
    void versionIsReadFromCommonVersionOnce() {
        serve("common.version");

        OdooServerVersion version = client.version();
        client.version();

        assertThat(version).isEqualTo(new OdooServerVersion("17.0-20240709", 17, "17.0"));
        assertThat(odoo.count("common.version")).isEqualTo(1);
    }

    @Test
    void authenticatesOnceAndReusesTheUidAcrossCalls() {
        serve("common.authenticate ok", "search_read project.project", "create project.project (dict -> int)",
                "read project.project", "write project.task", "search_count",
                "create project.task batch (list -> list)");

        assertThat(client.uid()).isEqualTo(2);
        client.searchRead("project.project", List.of(),
                List.of("id", "name", "analytic_account_id", "allow_timesheets", "write_date"),
                SearchOptions.limit(5));
        long project = client.create("project.project", Map.of("name", "Site A 233219", "allow_timesheets", true));
        client.read("project.project", List.of(project), List.of("name", "analytic_account_id", "company_id"));
        client.write("project.task", List.of(8L), Map.of("name", "Pour foundation (renamed) 233219"));
        client.searchCount("project.task", List.of(List.of("project_id", "=", 5)));
        client.createMany("project.task",
                List.of(Map.of("name", "Batch task 0 233219", "project_id", 5),
                        Map.of("name", "Batch task 1 233219", "project_id", 5),
                        Map.of("name", "Batch task 2 233219", "project_id", 5)));

        assertThat(odoo.count("common.authenticate")).isEqualTo(1);
        assertThat(odoo.count("object.execute_kw")).isEqualTo(6);
    }

    @Test
    void requestsAreJsonRpcCallsOfExecuteKw() {
        serve("common.authenticate ok", "search_count");

        client.searchCount("project.task", List.of(List.of("project_id", "=", 5)));

        FakeOdoo.Request sent = odoo.requests().get(1);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/jsonrpc");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(sent.json().path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(sent.json().path("method").asText()).isEqualTo("call");
        assertThat(sent.json().path("id").isIntegralNumber()).isTrue();
        assertThat(sent.rpc()).isEqualTo("object.execute_kw");
    }

    @Test
    void createReturnsTheIdAndCreateManyTheIdsInOrder() {
        serve("common.authenticate ok", "create project.task", "create project.task batch (list -> list)");

        long task = client.create("project.task", Map.of("name", "Pour foundation 233219", "project_id", 5));
        List<Long> batch = client.createMany("project.task",
                List.of(Map.of("name", "Batch task 0 233219", "project_id", 5),
                        Map.of("name", "Batch task 1 233219", "project_id", 5),
                        Map.of("name", "Batch task 2 233219", "project_id", 5)));

        assertThat(task).isEqualTo(8);
        assertThat(batch).containsExactly(9L, 10L, 11L);
    }

    @Test
    void writeAndUnlinkOfAMissingRecordSendTheRecordedShapes() {
        serve("common.authenticate ok", "ERR write missing id", "ERR unlink missing id");

        OdooMissingRecordException written = catchThrowableOfType(
                () -> client.write("project.task", List.of(99999999L), Map.of("name", "x")),
                OdooMissingRecordException.class);
        OdooMissingRecordException unlinked = catchThrowableOfType(
                () -> client.unlink("project.task", List.of(99999999L)), OdooMissingRecordException.class);

        assertThat(written.getMessage()).contains("Record does not exist or has been deleted.");
        assertThat(unlinked.method()).isEqualTo("unlink");
    }

    @Test
    void readKeepsOdooValuesAsTheyCome() {
        serve("common.authenticate ok", "read project.project");

        List<Map<String, Object>> rows = client.read("project.project", List.of(5L),
                List.of("name", "analytic_account_id", "company_id"));

        assertThat(rows).hasSize(1);
        Map<String, Object> project = rows.get(0);
        assertThat(project).containsEntry("name", "Site A 233219").containsEntry("company_id", false);
        assertThat(OdooValues.many2oneId(project.get("analytic_account_id"))).contains(5L);
        assertThat(OdooValues.many2oneName(project.get("analytic_account_id"))).contains("Site A 233219");
        assertThat(OdooValues.many2oneId(project.get("company_id"))).isEmpty();
    }

    @Test
    void searchReadPassesDomainOrderAndLimit() {
        serve("common.authenticate ok", "search_read write_date cursor (polling)", "search_read with domain operators");

        List<Map<String, Object>> page = client.searchRead("project.task",
                List.of(List.of("write_date", ">", "2026-01-01 00:00:00")),
                List.of("id", "name", "project_id", "write_date"),
                new SearchOptions(3, null, "write_date asc, id asc"));
        List<Map<String, Object>> matched = client.searchRead("project.task",
                List.of("|", List.of("name", "ilike", "pour"), "&", Arrays.asList("project_id", "!=", false),
                        List.of("id", "in", List.of(1, 2, 3, 8))),
                List.of("id", "name"), SearchOptions.limit(5));

        assertThat(page).extracting(row -> row.get("id")).containsExactly(1, 2, 4);
        assertThat(OdooValues.parseDatetime(page.get(0).get("write_date")))
                .contains(java.time.Instant.parse("2026-11-26T23:30:43Z"));
        assertThat(matched).extracting(row -> row.get("name")).contains("Meeting", "Training");
    }

    @Test
    void loadWithExternalIdsReturnsTheIds() {
        serve("common.authenticate ok", "load account.analytic.line with external ids (first time: creates)",
                "load same external ids again (updates, no duplicate)");
        List<String> fields = List.of("id", "name", "date", "amount", "unit_amount", "ref", "account_id/.id");

        LoadResult first = client.load("account.analytic.line", fields, List.of(
                List.of("trestle_test.cost_1795737272_1", "Excavator EX-12 usage 1795737272", "2026-11-26", "-412.50",
                        "5.5", "ref-1795737272-1", "5"),
                List.of("trestle_test.cost_1795737272_2", "Crane CR-3 usage 1795737272", "2026-11-26", "-900.00",
                        "3.0", "ref-1795737272-2", "5")));
        LoadResult again = client.load("account.analytic.line", fields, List.of(
                List.of("trestle_test.cost_1795737272_1", "Excavator EX-12 usage 1795737272", "2026-11-26", "-420.00",
                        "5.5", "ref-1795737272-1", "5"),
                List.of("trestle_test.cost_1795737272_2", "Crane CR-3 usage 1795737272", "2026-11-26", "-900.00",
                        "3.0", "ref-1795737272-2", "5")));

        assertThat(first.ok()).isTrue();
        assertThat(first.ids()).containsExactly(218258L, 218259L);
        assertThat(again.ids()).isEqualTo(first.ids());
    }

    @Test
    void loadRejectedByOdooKeepsItsPerRowMessages() {
        serve("common.authenticate ok", "load with an invalid value (messages, no ids)");

        LoadResult result = client.load("account.analytic.line",
                List.of("id", "name", "date", "amount", "unit_amount", "ref", "account_id/.id"),
                List.of(List.of("trestle_test.cost_1795737272_3", "bad amount", "2026-11-26", "not-a-number", "1", "x",
                        "5")));

        assertThat(result.ok()).isFalse();
        assertThat(result.ids()).isEmpty();
        assertThat(result.messages()).containsExactly(new LoadMessage("error",
                "'not-a-number' does not seem to be a number for field 'Amount'", 0, "amount"));
        assertThat(result.errorsOfRow(0)).hasSize(1);
    }

    @Test
    void externalIdResolvesThroughIrModelData() {
        serve("common.authenticate ok", "ir.model.data lookup by module+name");

        assertThat(client.resolveExternalId("trestle_test.cost_1795737272_1")).contains(218258L);
    }

    @Test
    void fieldsGetDescribesTypesRequiredRelationsAndSelections() {
        serve("common.authenticate ok", "fields_get maintenance.request (subset)");

        Map<String, FieldInfo> fields = client.fieldsGet("maintenance.request",
                List.of("name", "equipment_id", "maintenance_type", "request_date", "schedule_date", "duration",
                        "maintenance_team_id", "stage_id", "priority", "description", "user_id"));

        assertThat(fields.get("maintenance_team_id"))
                .isEqualTo(new FieldInfo("many2one", true, "maintenance.team", List.of()));
        assertThat(fields.get("schedule_date").type()).isEqualTo("datetime");
        FieldInfo priority = fields.get("priority");
        assertThat(priority.selection()).containsExactly(List.of("0", "Very Low"), List.of("1", "Low"),
                List.of("2", "Normal"), List.of("3", "High"));
        assertThat(priority.allows("3")).isTrue();
        assertThat(priority.allows("4")).isFalse();
    }
}
