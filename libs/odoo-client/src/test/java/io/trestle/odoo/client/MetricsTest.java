package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** One timer sample per call, tagged with model, method and outcome, and a counter of retries. */
class MetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void callsAreTimedByModelMethodAndOutcome() {
        AtomicInteger objectCalls = new AtomicInteger();
        FakeOdoo.Reply[] replies = {
                new FakeOdoo.Reply(503, "text/html", "busy".getBytes(), Map.of()),
                FakeOdoo.Reply.recorded(Transcript.get("search_count")),
                FakeOdoo.Reply.recorded(Transcript.get("ERR missing required field")),
                FakeOdoo.Reply.recorded(Transcript.get("load with an invalid value (messages, no ids)"))};
        FakeOdoo.Responder responder = (request, index) -> request.isRpc("common.authenticate")
                ? FakeOdoo.Reply.recorded(Transcript.get("common.authenticate ok"))
                : replies[objectCalls.getAndIncrement()];
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = DefaultOdooClient.create(
                        TestClients.jsonRpc(odoo.url()).withRetry(RetryPolicy.defaults()),
                        MicrometerCallMetrics.of(registry), new RecordingSleeper(), () -> 0.5, Clock.systemUTC())) {

            client.searchCount("project.task", List.of(List.of("project_id", "=", 5)));
            catchThrowableOfType(() -> client.create("project.task", Map.of("project_id", 5)),
                    OdooValidationException.class);
            LoadResult rejected = client.load("account.analytic.line",
                    List.of("id", "name", "date", "amount", "unit_amount", "ref", "account_id/.id"),
                    List.of(List.of("trestle_test.cost_1795737272_3", "bad amount", "2026-11-26", "not-a-number", "1",
                            "x", "5")));

            assertThat(rejected.ok()).isFalse();
        }

        assertThat(timer("common", "authenticate", "success").count()).isEqualTo(1);
        assertThat(timer("project.task", "search_count", "success").count()).isEqualTo(1);
        assertThat(timer("project.task", "create", "validation").count()).isEqualTo(1);
        assertThat(timer("account.analytic.line", "load", "validation").count()).isEqualTo(1);
        assertThat(registry.get(MicrometerCallMetrics.RETRIES)
                .tag("model", "project.task")
                .tag("method", "search_count")
                .counter()
                .count()).isEqualTo(1);
        assertThat(registry.find(MicrometerCallMetrics.CALLS).timers()).hasSize(4);
    }

    private Timer timer(String model, String method, String outcome) {
        return registry.get(MicrometerCallMetrics.CALLS)
                .tag("model", model)
                .tag("method", method)
                .tag("outcome", outcome)
                .timer();
    }
}
