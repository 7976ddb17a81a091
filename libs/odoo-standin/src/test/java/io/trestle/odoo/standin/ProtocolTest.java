package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP and JSON-RPC details beyond the recording, with Odoo's (and Python's) wording. */
class ProtocolTest {

    private OdooStandIn odoo;
    private StandInHttp http;
    private OdooRpc rpc;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        http = new StandInHttp(odoo.url());
        rpc = new OdooRpc(odoo);
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void everyAnswerClosesItsConnectionLikeOdoosHttp10Server() {
        StandInHttp.Response jsonRpc = http.postJson("/jsonrpc",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"params\":{\"service\":\"db\",\"method\":\"list\",\"args\":[]}}");
        StandInHttp.Response notFound = http.get("/web/login");

        assertThat(jsonRpc.body()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [\"constr\"]}");
        assertThat(jsonRpc.header("Connection")).contains("close");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("Connection")).contains("close");
    }

    @Test
    void badlyShapedCallsFailWithPythonsErrors() {
        assertThat(error(envelope("object", "execute_kw", List.of("constr", 2, "admin", "project.task"))))
                .containsEntry("name", "builtins.TypeError").containsEntry("message",
                        "execute_kw() missing 2 required positional arguments: 'method' and 'args'");
        assertThat(error(envelope("object", "execute_kw",
                List.of("constr", 2, "admin", "project.task", "search", List.of(), Map.of(), "extra"))))
                .containsEntry("message", "execute_kw() takes from 5 to 6 positional arguments but 7 were given");
        assertThat(error(envelope("object", "execute_kw",
                List.of("constr", 2, "admin", "project.task", "search", List.of(), Map.of("limt", 1)))))
                .containsEntry("message", "BaseModel.search() got an unexpected keyword argument 'limt'");
        assertThat(error(envelope("object", "execute_kw",
                List.of("constr", 2, "admin", "project.task", "read", List.of(), Map.of()))))
                .containsEntry("name", "builtins.IndexError");
        assertThat(error(envelope("object", "execute_kw",
                List.of("constr", "two", "admin", "project.task", "search", List.of(List.of()), Map.of()))))
                .containsEntry("name", "builtins.ValueError")
                .containsEntry("message", "invalid literal for int() with base 10: 'two'");
        assertThat(error(envelope("object", "frobnicate", List.of("constr", 2, "admin"))))
                .containsEntry("name", "builtins.NameError")
                .containsEntry("message", "Method not available frobnicate");
        assertThat(error(envelope("common", "frobnicate", List.of()))).containsEntry("name", "builtins.KeyError")
                .containsEntry("message", "exp_frobnicate");
    }

    @Test
    void methodsOdooHasButTheStandInLacksSaySoInsteadOfPretendingTheyDoNotExist() {
        assertThat(error(envelope("object", "execute_kw",
                List.of("constr", 2, "admin", "project.task", "copy", List.of(1), Map.of()))))
                .containsEntry("name", "builtins.NotImplementedError")
                .hasEntrySatisfying("message", m -> assertThat((String) m).contains("project.task.copy"));
    }

    @Test
    void theWebClientRoutesWorkInASession() {
        StandInHttp.Response login = http.postJson("/web/session/authenticate",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"params\":{\"db\":\"constr\",\"login\":\"admin\",\"password\":\"admin\"}}");
        String cookie = login.header("Set-Cookie").orElseThrow().split(";")[0];
        StandInHttp.Response call = http.post("/web/dataset/call_kw/project.task/search_count", "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"params\":{\"model\":\"project.task\",\"method\":\"search_count\","
                        + "\"args\":[[]],\"kwargs\":{}}}",
                Map.of("Cookie", cookie));
        StandInHttp.Response wrongPassword = http.postJson("/web/session/authenticate",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"params\":{\"db\":\"constr\",\"login\":\"admin\",\"password\":\"x\"}}");

        assertThat(call.body()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 2, \"result\": 2}");
        assertThat(error(wrongPassword)).containsEntry("name", "odoo.exceptions.AccessDenied");
        assertThat(wrongPassword.header("Set-Cookie")).isEmpty();
    }

    @Test
    void fieldsGetDescribesEveryFieldWhenNoAttributesAreAsked() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> fields = (Map<String, Map<String, Object>>) rpc
                .adminKw("maintenance.request", "fields_get", List.of(List.of("priority", "equipment_id")), Map.of());

        assertThat(fields.get("priority")).containsEntry("type", "selection").containsEntry("string", "Priority")
                .containsEntry("store", true).containsEntry("selection", List.of(List.of("0", "Very Low"),
                        List.of("1", "Low"), List.of("2", "Normal"), List.of("3", "High")));
        assertThat(fields.get("equipment_id")).containsEntry("relation", "maintenance.equipment")
                .containsEntry("required", false);
        assertThat(List.copyOf(fields.get("equipment_id").keySet())).isSorted();
    }

    private StandInHttp.Response envelope(String service, String method, List<?> args) {
        return http.postJson("/jsonrpc", StandInHttp.write(Map.of("jsonrpc", "2.0", "id", 1, "params",
                Map.of("service", service, "method", method, "args", args))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(StandInHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) response.json()).get("error"))
                .get("data");
    }
}
