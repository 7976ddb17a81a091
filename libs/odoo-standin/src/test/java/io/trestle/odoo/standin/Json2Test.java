package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /json/2/<model>/<method>} with Odoo 19's documented shapes. */
class Json2Test {

    private OdooStandIn odoo;
    private StandInHttp http;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        http = new StandInHttp(odoo.url());
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void namedArgumentsInBareJsonOut() {
        StandInHttp.Response created = call("project.task", "create",
                "{\"vals_list\": [{\"name\": \"A\", \"project_id\": 1}, {\"name\": \"B\"}]}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(created.json()).isEqualTo(List.of(3, 4));
        assertThat(call("project.task", "create", "{\"vals_list\": {\"name\": \"C\"}}").json()).isEqualTo(List.of(5));

        assertThat(call("project.task", "write", "{\"ids\": [3], \"vals\": {\"name\": \"A2\"}}").json())
                .isEqualTo(true);
        assertThat(call("project.task", "search_read",
                "{\"domain\": [[\"project_id\", \"=\", 1]], \"fields\": [\"name\", \"project_id\"], \"order\": \"id\"}")
                .json()).isEqualTo(List.of(Map.of("id", 1, "name", "Training", "project_id", List.of(1, "Internal")),
                        Map.of("id", 2, "name", "Meeting", "project_id", List.of(1, "Internal")),
                        Map.of("id", 3, "name", "A2", "project_id", List.of(1, "Internal"))));
        assertThat(call("project.task", "read", "{\"ids\": [4], \"fields\": [\"name\"]}").json())
                .isEqualTo(List.of(Map.of("id", 4, "name", "B")));
        assertThat(call("project.task", "unlink", "{\"ids\": [4, 5]}").json()).isEqualTo(true);
        assertThat(call("project.task", "search_count", "{\"domain\": []}").json()).isEqualTo(3);
    }

    @Test
    void eachCallIsItsOwnTransaction() {
        StandInHttp.Response failed = call("project.task", "create",
                "{\"vals_list\": [{\"name\": \"A\"}, {\"project_id\": 1}]}");

        assertThat(failed.status()).isEqualTo(422);
        assertThat(error(failed)).containsEntry("name", "odoo.exceptions.ValidationError");
        assertThat(odoo.records("project.task")).hasSize(2);
    }

    @Test
    void onlyAValidApiKeyIsAccepted() {
        for (Map<String, String> headers : List.of(Map.of("Authorization", "bearer not-a-key"),
                Map.of("Authorization", "bearer admin"), Map.<String, String>of())) {
            StandInHttp.Response refused = http.post("/json/2/project.task/search", "application/json",
                    "{\"domain\": []}", headers);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(error(refused)).containsExactly(Map.entry("name", "werkzeug.exceptions.Unauthorized"),
                    Map.entry("message", "Invalid apikey"), Map.entry("arguments", List.of("Invalid apikey", 401)),
                    Map.entry("context", Map.of()), Map.entry("debug", "Traceback (most recent call last):\n  ...\n"
                            + "werkzeug.exceptions.Unauthorized: 401 Unauthorized: Invalid apikey"));
        }
        StandInHttp.Response uppercaseScheme = http.post("/json/2/project.task/search", "application/json",
                "{\"domain\": []}", Map.of("Authorization", "Bearer " + odoo.adminApiKey()));
        assertThat(uppercaseScheme.status()).isEqualTo(200);
    }

    @Test
    void errorsCarryTheirHttpStatus() {
        assertError(call("no.such.model", "search", "{\"domain\": []}"), 404, "werkzeug.exceptions.NotFound",
                "the model 'no.such.model' does not exist");
        assertError(call("project.task", "frobnicate", "{}"), 404, "werkzeug.exceptions.NotFound",
                "The method 'frobnicate' does not exist on the model 'project.task'");
        assertError(call("project.task", "_compute_display_name", "{\"ids\": [1]}"), 403,
                "odoo.exceptions.AccessError",
                "Private methods (such as _compute_display_name) cannot be called remotely.");
        assertError(call("project.task", "write", "{\"ids\": [999], \"vals\": {\"name\": \"x\"}}"), 404,
                "odoo.exceptions.MissingError",
                "Record does not exist or has been deleted.\n(Record: project.task(999,), User: 2)");
        assertError(call("project.task", "search", "{\"domain\": [], \"badparameter\": 1}"), 422,
                "werkzeug.exceptions.UnprocessableEntity", "got an unexpected keyword argument 'badparameter'");
        assertError(call("project.task", "create", "{}"), 422, "werkzeug.exceptions.UnprocessableEntity",
                "missing a required argument: 'vals_list'");
        assertError(call("project.task", "search", "{\"ids\": [1], \"domain\": []}"), 422,
                "werkzeug.exceptions.UnprocessableEntity", "cannot call project.task.search with ids");
        assertError(call("project.task", "search_read", "{\"fields\": [\"nope\"]}"), 500, "builtins.ValueError",
                "Invalid field 'nope' on model 'project.task'");
    }

    @Test
    void theDatabaseHeaderMustNameTheDatabaseAndOnlyPostIsRouted() {
        StandInHttp.Response wrongDatabase = http.post("/json/2/project.task/search", "application/json",
                "{\"domain\": []}",
                Map.of("Authorization", "bearer " + odoo.adminApiKey(), "X-Odoo-Database", "other"));
        assertThat(wrongDatabase.status()).isEqualTo(404);

        StandInHttp.Response get = http.get("/json/2/project.task/search");
        assertThat(get.status()).isEqualTo(404);
        assertThat(error(get)).containsEntry("message", "Did you mean POST /json/2/<model>/<method>?");
    }

    private StandInHttp.Response call(String model, String method, String body) {
        return http.post("/json/2/" + model + "/" + method, "application/json; charset=utf-8", body,
                Map.of("Authorization", "bearer " + odoo.adminApiKey(), "X-Odoo-Database", "constr"));
    }

    private static void assertError(StandInHttp.Response response, int status, String name, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(error(response)).containsEntry("name", name).containsEntry("message", message)
                .containsEntry("context", Map.of()).containsKeys("arguments", "debug");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(StandInHttp.Response response) {
        return (Map<String, Object>) response.json();
    }
}
