package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every error the real Odoo 17 answered, replayed byte for byte: the client must raise the right class and type, keep
 * Odoo's name and message, and never retry it.
 */
class RecordedErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> recordedExecuteKwErrors() {
        return Stream.of(
                Arguments.of("ERR bad field name on create", OdooErrorClass.CONFIGURATION,
                        OdooConfigurationException.class),
                Arguments.of("ERR bad field name on write", OdooErrorClass.CONFIGURATION,
                        OdooConfigurationException.class),
                Arguments.of("ERR bad field in domain", OdooErrorClass.CONFIGURATION,
                        OdooConfigurationException.class),
                Arguments.of("ERR bad field in fields list", OdooErrorClass.CONFIGURATION,
                        OdooConfigurationException.class),
                Arguments.of("ERR bad selection value", OdooErrorClass.VALIDATION, OdooValidationException.class),
                Arguments.of("ERR missing required field", OdooErrorClass.VALIDATION, OdooValidationException.class),
                Arguments.of("ERR write missing id", OdooErrorClass.MISSING_RECORD,
                        OdooMissingRecordException.class),
                Arguments.of("ERR unlink missing id", OdooErrorClass.MISSING_RECORD,
                        OdooMissingRecordException.class),
                Arguments.of("ERR dangling many2one id", OdooErrorClass.MISSING_RECORD,
                        OdooMissingRecordException.class),
                Arguments.of("ERR unknown model", OdooErrorClass.CONFIGURATION, OdooConfigurationException.class),
                Arguments.of("ERR unknown method", OdooErrorClass.CONFIGURATION, OdooConfigurationException.class),
                Arguments.of("ERR private method", OdooErrorClass.CONFIGURATION, OdooConfigurationException.class),
                Arguments.of("load with unknown field", OdooErrorClass.CONFIGURATION,
                        OdooConfigurationException.class),
                Arguments.of("ERR access denied write admin user", OdooErrorClass.AUTHORIZATION,
                        OdooAuthorizationException.class),
                Arguments.of("ERR bare user create project.project", OdooErrorClass.AUTHORIZATION,
                        OdooAuthorizationException.class),
                Arguments.of("bare user create maintenance.request", OdooErrorClass.AUTHORIZATION,
                        OdooAuthorizationException.class),
                Arguments.of("ERR bare user create account.analytic.line", OdooErrorClass.AUTHORIZATION,
                        OdooAuthorizationException.class),
                Arguments.of("ERR portal user read maintenance.request", OdooErrorClass.AUTHORIZATION,
                        OdooAuthorizationException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedExecuteKwErrors")
    void recordedErrorOfExecuteKw(String label, OdooErrorClass expected, Class<? extends OdooException> type) {
        Transcript.Exchange recorded = Transcript.get(label);
        Replay replay = Replay.of(label);
        long uid = recorded.executeArg(1).asLong();
        // The recording authenticated only some of these users; the uid it used is all this test needs.
        FakeOdoo.Responder responder = (request, index) -> request.isRpc("common.authenticate")
                ? FakeOdoo.Reply.result(Long.toString(uid))
                : replay.reply(request, index);
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(retrying(odoo.url(), recorded.executeArg(2).asText()),
                        sleeper)) {

            OdooException error = catchThrowableOfType(() -> client.execute(recorded.executeArg(3).asText(),
                    recorded.executeArg(4).asText(), list(recorded.executeArg(5)), map(recorded.executeArg(6))),
                    type);

            JsonNode data = recorded.errorData();
            assertThat(error.errorClass()).isEqualTo(expected);
            assertThat(error.odooErrorName()).isEqualTo(data.get("name").asText());
            assertThat(error.odooMessage()).isEqualTo(data.get("message").asText());
            assertThat(error.getMessage()).contains(data.get("message").asText());
            assertThat(error.model()).isEqualTo(recorded.executeArg(3).asText());
            assertThat(error.method()).isEqualTo(recorded.executeArg(4).asText());
            assertThat(error.retryable()).isFalse();
            assertThat(odoo.count("object.execute_kw")).as("attempts").isEqualTo(1);
            assertThat(sleeper.waits()).isEmpty();
            assertThat(replay.unmatched()).isEmpty();
        }
    }

    static Stream<Arguments> recordedRawErrors() {
        return Stream.of(
                Arguments.of("ERR malformed JSON body", OdooErrorClass.CONFIGURATION, "HTTP 400: Invalid JSON data"),
                Arguments.of("jsonrpc with text/plain content-type", OdooErrorClass.CONFIGURATION,
                        "Request inferred type is compatible with"),
                Arguments.of("ERR execute_kw with no args", OdooErrorClass.CONFIGURATION, "list index out of range"),
                Arguments.of("ERR unknown service", OdooErrorClass.CONFIGURATION, "nosuch"),
                Arguments.of("ERR web/dataset/call_kw without session", OdooErrorClass.AUTHENTICATION,
                        "Session expired"));
    }

    /**
     * Answers the client never provokes itself (it sends neither malformed JSON nor calls without arguments), served to
     * an ordinary call: whatever Odoo says this way must still land in the right class with its text kept.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedRawErrors")
    void recordedRawAnswer(String label, OdooErrorClass expected, String text) {
        Transcript.Exchange recorded = Transcript.get(label);
        FakeOdoo.Responder responder = (request, index) -> request.isRpc("common.authenticate")
                ? FakeOdoo.Reply.recorded(Transcript.get("common.authenticate ok"))
                : FakeOdoo.Reply.recorded(recorded);
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(retrying(odoo.url(), TestClients.KEY), sleeper)) {

            OdooException error = catchThrowableOfType(
                    () -> client.searchRead("project.task", List.of(), List.of("name"), SearchOptions.limit(1)),
                    OdooException.class);

            assertThat(error.errorClass()).isEqualTo(expected);
            assertThat(error.getMessage()).contains(text);
            assertThat(sleeper.waits()).as("retries").isEmpty();
        }
    }

    @Test
    void unknownDatabaseIsAConfigurationError() {
        // The recording asked common.login; authenticate fails the same way before it looks at the credentials.
        Transcript.Exchange recorded = Transcript.get("common.login unknown db");
        try (FakeOdoo odoo = FakeOdoo.start((request, index) -> FakeOdoo.Reply.recorded(recorded));
                OdooClient client = TestClients.client(retrying(odoo.url(), TestClients.KEY))) {

            OdooConfigurationException error = catchThrowableOfType(client::uid, OdooConfigurationException.class);

            assertThat(error.odooErrorName()).isEqualTo("psycopg2.OperationalError");
            assertThat(error.getMessage()).contains("database \"nosuchdb\" does not exist");
            assertThat(odoo.requests()).hasSize(1);
        }
    }

    /** Retries enabled, so that a test fails if the client retries what it must not. */
    private static OdooClientConfig retrying(URI url, String key) {
        return new OdooClientConfig(url, TestClients.DATABASE, TestClients.LOGIN, key, OdooProtocol.JSON_RPC,
                Duration.ofSeconds(2), Duration.ofSeconds(10), RetryPolicy.defaults());
    }

    private static List<Object> list(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<>() {
        });
    }

    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<>() {
        });
    }
}
