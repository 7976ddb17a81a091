package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Transient failures are retried with backoff and Retry-After, everything else at once reaches the caller. Waits are
 * recorded, not slept.
 */
class RetryTest {

    private static final Transcript.Exchange AUTHENTICATED = Transcript.get("common.authenticate ok");
    private static final Transcript.Exchange COUNTED = Transcript.get("search_count");
    private static final List<List<Object>> DOMAIN = List.of(List.of("project_id", "=", 5));
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(30));
    private static final FakeOdoo.Reply UNAVAILABLE = new FakeOdoo.Reply(503, "text/html",
            "<h1>503 Service Unavailable</h1>".getBytes(), Map.of());

    private final RecordingSleeper sleeper = new RecordingSleeper();

    /** Authenticates, then answers the object calls in turn from {@code replies}; the last one repeats. */
    private static FakeOdoo.Responder objectCalls(FakeOdoo.Reply... replies) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        return (request, index) -> request.isRpc("common.authenticate")
                ? FakeOdoo.Reply.recorded(AUTHENTICATED)
                : replies[Math.min(calls.getAndIncrement(), replies.length - 1)];
    }

    private OdooClient client(URI url, RetryPolicy policy, Clock clock) {
        return DefaultOdooClient.create(TestClients.jsonRpc(url).withRetry(policy), CallMetrics.NONE, sleeper,
                () -> 0.5, clock);
    }

    private OdooClient client(URI url) {
        return client(url, POLICY, Clock.systemUTC());
    }

    @Test
    void unavailableServerIsRetriedWithGrowingJitteredBackoff() {
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(UNAVAILABLE, UNAVAILABLE, FakeOdoo.Reply.recorded(COUNTED)));
                OdooClient client = client(odoo.url())) {

            assertThat(client.searchCount("project.task", DOMAIN)).isEqualTo(4);

            // Full jitter at 0.5: half of 200 ms, then half of 400 ms.
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(odoo.count("object.execute_kw")).isEqualTo(3);
        }
    }

    @Test
    void retryAfterInSecondsIsTheWait() {
        FakeOdoo.Reply tooMany = FakeOdoo.Reply.json(429, "\"slow down\"").withHeader("Retry-After", "7");
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(tooMany, FakeOdoo.Reply.recorded(COUNTED)));
                OdooClient client = client(odoo.url())) {

            assertThat(client.searchCount("project.task", DOMAIN)).isEqualTo(4);

            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void retryAfterAsHttpDateIsCountedFromNow() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);
        FakeOdoo.Reply unavailable = UNAVAILABLE.withHeader("Retry-After", "Thu, 26 Nov 2026 23:30:12 GMT");
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(unavailable, FakeOdoo.Reply.recorded(COUNTED)));
                OdooClient client = client(odoo.url(), POLICY, clock)) {

            client.searchCount("project.task", DOMAIN);

            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
        }
    }

    @Test
    void retryAfterLongerThanTheMaximumBackoffIsLeftToTheCaller() {
        FakeOdoo.Reply unavailable = UNAVAILABLE.withHeader("Retry-After", "120");
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(unavailable));
                OdooClient client = client(odoo.url())) {

            OdooTransientException error = catchThrowableOfType(() -> client.searchCount("project.task", DOMAIN),
                    OdooTransientException.class);

            assertThat(error.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(sleeper.waits()).isEmpty();
            assertThat(odoo.count("object.execute_kw")).isEqualTo(1);
        }
    }

    @Test
    void persistentUnavailabilityFailsAfterMaxAttempts() {
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(UNAVAILABLE));
                OdooClient client = client(odoo.url())) {

            OdooTransientException error = catchThrowableOfType(() -> client.searchCount("project.task", DOMAIN),
                    OdooTransientException.class);

            assertThat(error.retryable()).isTrue();
            assertThat(error.outcomeUnknown()).isFalse();
            assertThat(error.getMessage()).contains("HTTP 503", "503 Service Unavailable");
            assertThat(odoo.count("object.execute_kw")).isEqualTo(4);
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                    Duration.ofMillis(400));
        }
    }

    @Test
    void serializationFailureIsRetried() {
        // Not in the recording: shaped like the recorded errors, with the name and message PostgreSQL gives.
        FakeOdoo.Reply conflict = FakeOdoo.Reply.json(200, """
                {"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error", "data": {\
                "name": "psycopg2.errors.SerializationFailure", "debug": "Traceback (most recent call last):\\n  ...",\
                 "message": "could not serialize access due to concurrent update\\n", "arguments": \
                ["could not serialize access due to concurrent update\\n"], "context": {}}}}""");
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(conflict, FakeOdoo.Reply.recorded(COUNTED)));
                OdooClient client = client(odoo.url())) {

            assertThat(client.searchCount("project.task", DOMAIN)).isEqualTo(4);
            assertThat(sleeper.waits()).hasSize(1);
        }
    }

    @Test
    void connectionRefusedIsRetriedThenTransient() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (OdooClient client = client(closedPort)) {

            OdooTransientException error = catchThrowableOfType(client::uid, OdooTransientException.class);

            assertThat(error.getMessage()).contains("connection refused");
            assertThat(error.outcomeUnknown()).isFalse();
            assertThat(error.method()).isEqualTo("authenticate");
            assertThat(sleeper.waits()).hasSize(POLICY.maxAttempts() - 1);
        }
    }

    @Test
    void validationAndAccessErrorsAreNeverRetried() {
        FakeOdoo.Reply validation = FakeOdoo.Reply.recorded(Transcript.get("ERR missing required field"));
        FakeOdoo.Reply access = FakeOdoo.Reply.recorded(Transcript.get("ERR bare user create project.project"));
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(validation, access));
                OdooClient client = client(odoo.url())) {

            catchThrowableOfType(() -> client.create("project.task", Map.of("project_id", 5)),
                    OdooValidationException.class);
            catchThrowableOfType(() -> client.create("project.project", Map.of("name", "nope")),
                    OdooAuthorizationException.class);

            assertThat(odoo.count("object.execute_kw")).isEqualTo(2);
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void createIsNotRepeatedWhenOdooMayHaveAppliedIt() {
        FakeOdoo.Reply badGateway = new FakeOdoo.Reply(502, "text/html", "<h1>502 Bad Gateway</h1>".getBytes(),
                Map.of());
        try (FakeOdoo odoo = FakeOdoo.start(objectCalls(badGateway, FakeOdoo.Reply.recorded(COUNTED)));
                OdooClient client = client(odoo.url())) {

            OdooTransientException error = catchThrowableOfType(
                    () -> client.create("project.task", Map.of("name", "x")), OdooTransientException.class);
            long counted = client.searchCount("project.task", DOMAIN);

            assertThat(error.outcomeUnknown()).isTrue();
            assertThat(counted).as("a read after a 502 is repeated").isEqualTo(4);
            assertThat(odoo.count("object.execute_kw")).isEqualTo(2);
        }
    }

    @Test
    void readTimeoutOfCreateIsTransientWithUnknownOutcome() {
        CountDownLatch release = new CountDownLatch(1);
        FakeOdoo.Responder hangs = (request, index) -> {
            if (request.isRpc("common.authenticate")) {
                return FakeOdoo.Reply.recorded(AUTHENTICATED);
            }
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeOdoo.Reply.result("1");
        };
        try (FakeOdoo odoo = FakeOdoo.start(hangs);
                OdooClient client = DefaultOdooClient.create(
                        TestClients.jsonRpc(odoo.url())
                                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                                .withRetry(POLICY),
                        CallMetrics.NONE, sleeper, () -> 0.5, Clock.systemUTC())) {

            OdooTransientException error = catchThrowableOfType(
                    () -> client.create("project.task", Map.of("name", "x")), OdooTransientException.class);

            assertThat(error.getMessage()).contains("read timeout");
            assertThat(error.outcomeUnknown()).isTrue();
            assertThat(odoo.count("object.execute_kw")).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }
}
