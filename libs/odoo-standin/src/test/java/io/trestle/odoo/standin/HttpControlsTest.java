package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test controls over HTTP ({@code /__standin/…}), for a stand-in running as a separate process. */
class HttpControlsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String CREATE_TASK = "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":{"
            + "\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"constr\",2,\"admin\",\"project.task\","
            + "\"create\",[{\"name\":\"Over HTTP\"}],{}]}}";

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
    void unavailableAndClearStayReachableDuringTheOutage() {
        assertThat(control("/__standin/faults/unavailable?retry-after=3").status()).isEqualTo(204);

        StandInHttp.Response refused = http.postJson("/jsonrpc", CREATE_TASK);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).contains("3");

        assertThat(control("/__standin/faults/clear").status()).isEqualTo(204);
        assertThat(http.postJson("/jsonrpc", CREATE_TASK).status()).isEqualTo(200);
    }

    @Test
    void refusingConnectionsAnswersFirstThenStopsListeningForThePeriod() {
        assertThat(control("/__standin/faults/refuse-connections?seconds=1").status()).isEqualTo(204);

        await("connections refused").atMost(PATIENCE).until(() -> !Connections.accepts(odoo.url()));
        await("connections accepted again").atMost(PATIENCE).until(() -> Connections.accepts(odoo.url()));
    }

    @Test
    void serializationFailuresAndDelayAreSetOverHttp() {
        control("/__standin/faults/serialization-failures?count=1&model=project.task&method=create");
        assertThat(http.postJson("/jsonrpc", CREATE_TASK).body()).contains("psycopg2.errors.SerializationFailure");
        assertThat(http.postJson("/jsonrpc", CREATE_TASK).body()).contains("\"result\": 3");

        control("/__standin/faults/delay?millis=300");
        long started = System.nanoTime();
        http.postJson("/jsonrpc", CREATE_TASK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void recordsCallsAndRequestsCanBeInspectedAndResetStartsAfresh() {
        http.postJson("/jsonrpc", CREATE_TASK);

        assertThat(http.get("/__standin/records/project.task").json()).asList().hasSize(3)
                .last().isEqualTo(odoo.records("project.task").get(2));
        assertThat(http.get("/__standin/calls?model=project.task&method=create").json())
                .isEqualTo(Map.of("model", "project.task", "method", "create", "count", 1));
        assertThat(http.get("/__standin/calls").json()).isEqualTo(Map.of("project.task", Map.of("create", 1)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> requests = (List<Map<String, Object>>) http.get("/__standin/requests").json();
        assertThat(requests).singleElement().satisfies(entry -> assertThat(entry).containsEntry("path", "/jsonrpc")
                .containsEntry("status", 200).containsEntry("model", "project.task")
                .containsEntry("method", "create").containsEntry("error", null));

        assertThat(control("/__standin/reset").status()).isEqualTo(204);
        assertThat(odoo.records("project.task")).hasSize(2);
        assertThat(odoo.callCount("project.task", "create")).isZero();
    }

    @Test
    void badControlRequestsAreExplained() {
        assertThat(http.get("/__standin/records/no.such.model").status()).isEqualTo(404);
        assertThat(http.get("/__standin/records/no.such.model").json())
                .isEqualTo(Map.of("error", "Unknown model 'no.such.model'"));
        StandInHttp.Response badPeriod = control("/__standin/faults/refuse-connections?seconds=-1");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json()).isEqualTo(Map.of("error", "seconds must be a number of seconds above 0, not -1"));
        assertThat(http.get("/__standin/faults/clear").status()).isEqualTo(405);
        assertThat(control("/__standin/nothing-here").status()).isEqualTo(404);
        assertThat(odoo.requests()).isEqualTo(List.of());
    }

    private StandInHttp.Response control(String path) {
        return http.post(path, null, "", Map.of());
    }
}
