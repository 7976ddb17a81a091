package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Odoo 19's JSON-2 API. There is no recording of it: requests and answers follow Odoo's "External JSON-2 API"
 * documentation (bearer key, X-Odoo-Database, named arguments, bare result, errors as {@code {name, message, arguments,
 * context, debug}} with a 4xx/5xx status).
 */
class Json2Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "6578616d706c65206a736f6e20617069206b6579";

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private OdooClient client(URI url) {
        OdooClientConfig config = new OdooClientConfig(url, "constr", null, KEY, OdooProtocol.JSON_2,
                Duration.ofSeconds(2), Duration.ofSeconds(10),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)));
        return TestClients.client(config, sleeper);
    }

    /** Answers every request with {@code reply} and hands the last request to the test. */
    private static FakeOdoo.Responder answering(FakeOdoo.Reply reply, AtomicReference<FakeOdoo.Request> sent) {
        return (request, index) -> {
            sent.set(request);
            return reply;
        };
    }

    @Test
    void searchReadCarriesBearerKeyDatabaseAndNamedArguments() throws Exception {
        AtomicReference<FakeOdoo.Request> sent = new AtomicReference<>();
        try (FakeOdoo odoo = FakeOdoo.start(answering(FakeOdoo.Reply.json(200,
                "[{\"id\": 1, \"name\": \"Internal\", \"analytic_account_id\": [1, \"Internal\"]}]"), sent));
                OdooClient client = client(odoo.url())) {

            List<Map<String, Object>> rows = client.searchRead("project.project",
                    List.of(List.of("name", "ilike", "Site")), List.of("name", "analytic_account_id"),
                    new SearchOptions(5, 10, "id asc"));

            assertThat(rows).hasSize(1);
            assertThat(OdooValues.many2oneId(rows.get(0).get("analytic_account_id"))).contains(1L);
            FakeOdoo.Request request = sent.get();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/json/2/project.project/search_read");
            assertThat(request.header("Authorization")).isEqualTo("bearer " + KEY);
            assertThat(request.header("X-Odoo-Database")).isEqualTo("constr");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.json()).isEqualTo(JSON.readTree("""
                    {"domain": [["name", "ilike", "Site"]], "fields": ["name", "analytic_account_id"],
                     "limit": 5, "offset": 10, "order": "id asc"}"""));
        }
    }

    static Stream<Arguments> ormCalls() {
        return Stream.of(
                Arguments.of("create", "[5]", "{\"vals_list\": {\"name\": \"Site B\"}}",
                        (Call) c -> assertThat(c.create("project.project", Map.of("name", "Site B"))).isEqualTo(5)),
                Arguments.of("create", "[6, 7]", "{\"vals_list\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}",
                        (Call) c -> assertThat(c.createMany("project.project",
                                List.of(Map.of("name", "a"), Map.of("name", "b")))).containsExactly(6L, 7L)),
                Arguments.of("write", "true", "{\"ids\": [8], \"vals\": {\"name\": \"renamed\"}}",
                        (Call) c -> c.write("project.project", List.of(8L), Map.of("name", "renamed"))),
                Arguments.of("unlink", "true", "{\"ids\": [8, 9]}",
                        (Call) c -> c.unlink("project.project", List.of(8L, 9L))),
                Arguments.of("read", "[{\"id\": 8, \"name\": \"x\"}]", "{\"ids\": [8], \"fields\": [\"name\"]}",
                        (Call) c -> assertThat(c.read("project.project", List.of(8L), List.of("name"))).hasSize(1)),
                Arguments.of("search", "[3, 1]", "{\"domain\": [], \"limit\": 2}",
                        (Call) c -> assertThat(c.search("project.project", List.of(), SearchOptions.limit(2)))
                                .containsExactly(3L, 1L)),
                Arguments.of("search_count", "4", "{\"domain\": [[\"project_id\", \"=\", 5]]}",
                        (Call) c -> assertThat(
                                c.searchCount("project.project", List.of(List.of("project_id", "=", 5))))
                                .isEqualTo(4)),
                Arguments.of("load", "{\"ids\": [21], \"messages\": [], \"nextrow\": 0}",
                        "{\"fields\": [\"id\", \"name\"], \"data\": [[\"trestle.p1\", \"Site\"]]}",
                        (Call) c -> assertThat(c.load("project.project", List.of("id", "name"),
                                List.of(List.of("trestle.p1", "Site"))).ids()).containsExactly(21L)),
                Arguments.of("fields_get", "{\"name\": {\"type\": \"char\", \"required\": true}}",
                        "{\"allfields\": [\"name\"], \"attributes\": [\"type\", \"required\", \"relation\", \"selection\"]}",
                        (Call) c -> assertThat(c.fieldsGet("project.project", List.of("name")).get("name").required())
                                .isTrue()));
    }

    interface Call {

        void on(OdooClient client);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("ormCalls")
    void ormMethodsSendTheirArgumentsByName(String method, String result, String expectedBody, Call call)
            throws Exception {
        AtomicReference<FakeOdoo.Request> sent = new AtomicReference<>();
        try (FakeOdoo odoo = FakeOdoo.start(answering(FakeOdoo.Reply.json(200, result), sent));
                OdooClient client = client(odoo.url())) {

            call.on(client);

            assertThat(sent.get().path()).isEqualTo("/json/2/project.project/" + method);
            assertThat(sent.get().json()).isEqualTo(JSON.readTree(expectedBody));
        }
    }

    @Test
    void otherMethodsTakeNamedArgumentsOnly() {
        AtomicReference<FakeOdoo.Request> sent = new AtomicReference<>();
        try (FakeOdoo odoo = FakeOdoo.start(answering(FakeOdoo.Reply.json(200, "true"), sent));
                OdooClient client = client(odoo.url())) {

            assertThatThrownBy(() -> client.execute("maintenance.request", "action_done", List.of(List.of(3)),
                    Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named arguments");
            client.execute("maintenance.request", "archive_equipment_request", List.of(), Map.of("ids", List.of(3)));

            assertThat(odoo.requests()).hasSize(1);
            assertThat(sent.get().path()).isEqualTo("/json/2/maintenance.request/archive_equipment_request");
            assertThat(sent.get().json().toString()).isEqualTo("{\"ids\":[3]}");
        }
    }

    @Test
    void uidComesFromContextGetOnce() {
        AtomicReference<FakeOdoo.Request> sent = new AtomicReference<>();
        try (FakeOdoo odoo = FakeOdoo.start(
                answering(FakeOdoo.Reply.json(200, "{\"lang\": \"en_US\", \"tz\": false, \"uid\": 2}"), sent));
                OdooClient client = client(odoo.url())) {

            assertThat(client.uid()).isEqualTo(2);
            assertThat(client.uid()).isEqualTo(2);

            assertThat(odoo.requests()).hasSize(1);
            assertThat(sent.get().path()).isEqualTo("/json/2/res.users/context_get");
        }
    }

    @Test
    void versionComesFromWebVersion() {
        AtomicReference<FakeOdoo.Request> sent = new AtomicReference<>();
        try (FakeOdoo odoo = FakeOdoo.start(answering(
                FakeOdoo.Reply.json(200, "{\"version_info\": [19, 0, 0, \"final\", 0, \"\"], \"version\": \"19.0\"}"),
                sent));
                OdooClient client = client(odoo.url())) {

            assertThat(client.version()).isEqualTo(new OdooServerVersion("19.0", 19, "19.0"));
            assertThat(sent.get().method()).isEqualTo("GET");
            assertThat(sent.get().path()).isEqualTo("/web/version");
        }
    }

    static Stream<Arguments> errorBodies() {
        return Stream.of(
                Arguments.of(401, error("werkzeug.exceptions.Unauthorized", "Invalid apikey"),
                        OdooAuthenticationException.class, 1),
                Arguments.of(401, "\"Invalid apikey\"", OdooAuthenticationException.class, 1),
                Arguments.of(403, error("odoo.exceptions.AccessError",
                        "You are not allowed to create 'Analytic Line' (account.analytic.line) records."),
                        OdooAuthorizationException.class, 1),
                Arguments.of(404, error("odoo.exceptions.MissingError",
                        "Record does not exist or has been deleted.\n(Record: project.task(99999999,), User: 2)"),
                        OdooMissingRecordException.class, 1),
                Arguments.of(422, error("odoo.exceptions.ValidationError",
                        "The operation cannot be completed:\n- Create/update: a mandatory field is not set."),
                        OdooValidationException.class, 1),
                Arguments.of(422, error("builtins.ValueError",
                        "Wrong value for maintenance.request.maintenance_type: 'nonsense'"),
                        OdooValidationException.class, 1),
                Arguments.of(500, error("builtins.ValueError", "Invalid field 'foo_bar' on model 'project.task'"),
                        OdooConfigurationException.class, 1),
                Arguments.of(404, error("werkzeug.exceptions.NotFound", "the model 'no.such.model' does not exist"),
                        OdooConfigurationException.class, 1),
                Arguments.of(422, error("werkzeug.exceptions.UnprocessableEntity",
                        "got an unexpected keyword argument 'vals'"), OdooConfigurationException.class, 1),
                Arguments.of(500, error("psycopg2.errors.SerializationFailure",
                        "could not serialize access due to concurrent update"), OdooTransientException.class, 3),
                Arguments.of(503, "<html><body>maintenance</body></html>", OdooTransientException.class, 3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("errorBodies")
    void errorStatusesAndBodiesMapToTheSameClassesAsJsonRpc(int status, String body,
            Class<? extends OdooException> type, int attempts) {
        try (FakeOdoo odoo = FakeOdoo.start((request, index) -> FakeOdoo.Reply.json(status, body));
                OdooClient client = client(odoo.url())) {

            OdooException error = catchThrowableOfType(
                    () -> client.searchCount("project.task", List.of()), type);

            assertThat(error.getMessage()).contains(body.startsWith("{") ? message(body) : "");
            assertThat(odoo.requests()).hasSize(attempts);
        }
    }

    private static String error(String name, String message) {
        try {
            return JSON.writeValueAsString(Map.of("name", name, "message", message, "arguments", List.of(message),
                    "context", Map.of(), "debug", "Traceback (most recent call last):\n  ..."));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(String body) {
        try {
            return JSON.readTree(body).get("message").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
