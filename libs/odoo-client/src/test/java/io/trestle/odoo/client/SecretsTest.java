package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API key must not leak through toString, exception messages or logs, even when a server echoes it. */
class SecretsTest {

    /** The wrong key of the recording, which Odoo answered with AccessDenied. */
    private static final String KEY = "92177580a6407525614c75c8ba3428f95eefaa60";

    private final Logger clientLogger = Logger.getLogger("io.trestle.odoo.client");
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {

        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = clientLogger.getLevel();
        clientLogger.setLevel(Level.ALL);
        clientLogger.addHandler(capture);
    }

    @AfterEach
    void restoreLogs() {
        clientLogger.removeHandler(capture);
        clientLogger.setLevel(previousLevel);
    }

    @Test
    void configToStringMasksTheKey() {
        OdooClientConfig config = OdooClientConfig.of(java.net.URI.create("https://erp.example.com"), "constr",
                "admin", KEY);

        assertThat(config.toString()).doesNotContain(KEY).contains("apiKey=****", "login=admin");
    }

    @Test
    void keyStaysOutOfExceptionsAndLogsThroughRetriesAndReauthentication() {
        AtomicInteger authentications = new AtomicInteger();
        AtomicInteger objectCalls = new AtomicInteger();
        FakeOdoo.Responder responder = (request, index) -> {
            if (request.isRpc("common.authenticate")) {
                return FakeOdoo.Reply.recorded(authentications.getAndIncrement() == 0
                        ? Transcript.get("common.authenticate ok")
                        : Transcript.get("common.authenticate wrong password"));
            }
            if (objectCalls.getAndIncrement() == 0) {
                // A proxy that echoes the request it refused, key included.
                return new FakeOdoo.Reply(503, "text/plain", request.body(), java.util.Map.of());
            }
            return FakeOdoo.Reply.recorded(Transcript.get("ERR execute_kw with wrong API key"));
        };
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(new OdooClientConfig(odoo.url(), "constr", "admin", KEY,
                        OdooProtocol.JSON_RPC, Duration.ofSeconds(2), Duration.ofSeconds(5),
                        RetryPolicy.defaults()))) {

            OdooAuthenticationException error = catchThrowableOfType(
                    () -> client.searchCount("project.project", List.of()), OdooAuthenticationException.class);

            assertThat(odoo.requests()).anySatisfy(r -> assertThat(new String(r.body())).contains(KEY));
            assertThat(stackTrace(error)).doesNotContain(KEY);
            assertThat(logLines).as("log lines").isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(KEY));
            assertThat(String.join("", logLines)).contains("****");
        }
    }

    @Test
    void keyEchoedByAServerIsScrubbedFromTheException() {
        FakeOdoo.Responder echo = (request, index) -> new FakeOdoo.Reply(400, "text/plain", request.body(),
                java.util.Map.of());
        try (FakeOdoo odoo = FakeOdoo.start(echo);
                OdooClient client = TestClients.client(new OdooClientConfig(odoo.url(), "constr", "admin", KEY,
                        OdooProtocol.JSON_RPC, Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none()))) {

            OdooConfigurationException error = catchThrowableOfType(client::uid, OdooConfigurationException.class);

            assertThat(error.getMessage()).contains("HTTP 400", "\"admin\",\"****\"").doesNotContain(KEY);
            assertThat(stackTrace(error)).doesNotContain(KEY);
        }
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
