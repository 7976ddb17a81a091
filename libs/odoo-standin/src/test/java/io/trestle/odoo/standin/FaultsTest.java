package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;

/** The test controls, in-process through {@link Faults}. */
class FaultsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String VERSION = "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,"
            + "\"params\":{\"service\":\"common\",\"method\":\"version\",\"args\":[]}}";

    private OdooStandIn odoo;
    private OdooRpc rpc;
    private StandInHttp http;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        rpc = new OdooRpc(odoo);
        http = new StandInHttp(odoo.url());
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void refusedConnectionsReallyFailToConnectAndComeBackOnTheSamePort() {
        URI url = odoo.url();
        odoo.faults().refuseConnections(Duration.ofSeconds(1));

        assertThatThrownBy(() -> connect(url)).isInstanceOf(ConnectException.class);
        await("listening again on " + url).atMost(PATIENCE).until(() -> Connections.accepts(url));
        assertThat(odoo.url()).isEqualTo(url);
        assertThat(rpc.call("common", "login", "constr", "admin", "admin")).isEqualTo(2);
    }

    @Test
    void connectionsRefusedUntilClearedComeBackWhenCleared() {
        URI url = odoo.url();
        odoo.faults().refuseConnectionsUntilCleared();
        assertThatThrownBy(() -> connect(url)).isInstanceOf(ConnectException.class);

        odoo.faults().clear();

        assertThat(Connections.accepts(url)).isTrue();
        assertThat(rpc.call("common", "version")).isInstanceOf(Map.class);
    }

    @Test
    void unavailableAnswers503WithRetryAfterAndNothingReachesOdoo() {
        odoo.faults().respond503UntilCleared(Optional.of(Duration.ofMillis(6500)));

        StandInHttp.Response refused = http.postJson("/jsonrpc", createTask("During the outage"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).contains("7");
        assertThat(refused.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(refused.body()).contains("<title>503 Service Unavailable</title>");
        assertThat(odoo.callCount("project.task", "create")).isZero();
        assertThat(odoo.records("project.task")).hasSize(2);

        odoo.faults().clear();
        assertThat(http.postJson("/jsonrpc", createTask("After the outage")).status()).isEqualTo(200);
        assertThat(odoo.records("project.task")).hasSize(3);
    }

    @Test
    void a503ForAPeriodEndsByItself() {
        odoo.faults().respond503(Duration.ofSeconds(1), Optional.empty());

        StandInHttp.Response refused = http.postJson("/jsonrpc", VERSION);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEmpty();
        await("answers again").atMost(PATIENCE).until(() -> http.postJson("/jsonrpc", VERSION).status() == 200);
    }

    @Test
    void serializationFailuresFailTheNextCallsWithPostgresqlsErrorAndWriteNothing() {
        odoo.faults().serializationFailures(2);

        for (int attempt = 0; attempt < 2; attempt++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) http
                    .postJson("/jsonrpc", createTask("Retry me")).json()).get("error")).get("data");
            assertThat(data).isEqualTo(Map.of("name", "psycopg2.errors.SerializationFailure", "debug",
                    "Traceback (most recent call last):\n  ...\npsycopg2.errors.SerializationFailure: could not "
                            + "serialize access due to concurrent update",
                    "message", "could not serialize access due to concurrent update\n", "arguments",
                    List.of("could not serialize access due to concurrent update\n"), "context", Map.of()));
        }
        assertThat(odoo.records("project.task")).hasSize(2);
        assertThat(http.postJson("/jsonrpc", createTask("Retry me")).json()).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsKey("result");
        assertThat(odoo.records("project.task")).hasSize(3);
    }

    @Test
    void serializationFailuresCanTargetOneModelAndMethod() {
        odoo.faults().serializationFailures(1, "account.analytic.line", "create");

        assertThat(rpc.admin("project.project", "search", List.of())).isEqualTo(List.of(1));
        assertThatThrownBy(() -> rpc.admin("account.analytic.line", "create", Map.of("name", "Fuel")))
                .isInstanceOfSatisfying(OdooRpcException.class,
                        e -> assertThat(e.name()).isEqualTo("psycopg2.errors.SerializationFailure"));
        assertThat(rpc.admin("account.analytic.line", "create", Map.of("name", "Fuel"))).isEqualTo(1);
    }

    @Test
    void aDelayedAnswerIsLateButTheCallHasTakenEffect() throws Exception {
        odoo.faults().delayEachCall(Duration.ofMillis(400));

        long started = System.nanoTime();
        rpc.call("common", "version");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        HttpClient impatient = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(odoo.url().resolve("/jsonrpc")).timeout(Duration.ofMillis(100))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(createTask("Slow write"))).build();
        assertThatThrownBy(() -> impatient.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        await("the timed-out create is written").atMost(PATIENCE).until(
                () -> odoo.records("project.task").stream().anyMatch(t -> "Slow write".equals(t.get("name"))));
    }

    @Test
    void configuredLatencySlowsEveryAnswer() {
        try (OdooStandIn slow = OdooStandIn
                .start(OdooStandInOptions.defaults().withLatency(Duration.ofMillis(250)))) {
            long started = System.nanoTime();
            new OdooRpc(slow).call("common", "version");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    private static void connect(URI url) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
        }
    }

    private static String createTask(String name) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":{\"service\":\"object\","
                + "\"method\":\"execute_kw\",\"args\":[\"constr\",2,\"admin\",\"project.task\",\"create\","
                + "[{\"name\":\"" + name + "\"}],{}]}}";
    }
}
