package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Login once, re-authenticate only when Odoo refuses the credentials, and treat a false login as a failure. */
class AuthenticationTest {

    private static final Transcript.Exchange AUTHENTICATED = Transcript.get("common.authenticate ok");
    private static final Transcript.Exchange ACCESS_DENIED = Transcript.get("ERR execute_kw with wrong API key");
    private static final Transcript.Exchange COUNTED = Transcript.get("search_count");
    private static final List<List<Object>> DOMAIN = List.of(List.of("project_id", "=", 5));

    @Test
    void falseFromAuthenticateIsAnAuthenticationError() {
        Transcript.Exchange refused = Transcript.get("common.authenticate wrong password");
        Replay replay = Replay.of(refused.label());
        try (FakeOdoo odoo = FakeOdoo.start(replay);
                OdooClient client = TestClients.client(new OdooClientConfig(odoo.url(), TestClients.DATABASE,
                        TestClients.LOGIN, "WRONG", OdooProtocol.JSON_RPC, java.time.Duration.ofSeconds(2),
                        java.time.Duration.ofSeconds(5), RetryPolicy.defaults()))) {

            OdooAuthenticationException error = catchThrowableOfType(client::uid,
                    OdooAuthenticationException.class);

            assertThat(error.getMessage()).contains("refused login 'admin'", "database 'constr'", "returned false");
            assertThat(error.method()).isEqualTo("authenticate");
            assertThat(odoo.requests()).hasSize(1);
            assertThat(replay.unmatched()).isEmpty();
        }
    }

    @Test
    void accessDeniedOnceAuthenticatesAgainAndRepeatsTheCall() {
        AtomicInteger executeKw = new AtomicInteger();
        FakeOdoo.Responder responder = (request, index) -> request.isRpc("common.authenticate")
                ? FakeOdoo.Reply.recorded(AUTHENTICATED)
                : FakeOdoo.Reply.recorded(executeKw.getAndIncrement() == 1 ? ACCESS_DENIED : COUNTED);
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(TestClients.jsonRpc(odoo.url()))) {

            assertThat(client.searchCount("project.task", DOMAIN)).isEqualTo(4);
            assertThat(client.searchCount("project.task", DOMAIN)).isEqualTo(4);

            assertThat(odoo.count("common.authenticate")).isEqualTo(2);
            assertThat(odoo.count("object.execute_kw")).isEqualTo(3);
        }
    }

    @Test
    void accessDeniedAgainAfterReauthenticationFailsAsAuthenticationError() {
        FakeOdoo.Responder responder = (request, index) -> FakeOdoo.Reply
                .recorded(request.isRpc("common.authenticate") ? AUTHENTICATED : ACCESS_DENIED);
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(TestClients.jsonRpc(odoo.url()))) {

            OdooAuthenticationException error = catchThrowableOfType(
                    () -> client.searchCount("project.task", DOMAIN), OdooAuthenticationException.class);

            assertThat(error.odooErrorName()).isEqualTo("odoo.exceptions.AccessDenied");
            assertThat(error.odooMessage()).isEqualTo("Access Denied");
            assertThat(error.retryable()).isFalse();
            assertThat(odoo.count("common.authenticate")).isEqualTo(2);
            assertThat(odoo.count("object.execute_kw")).isEqualTo(2);
        }
    }

    @Test
    void accessDeniedThenRefusedLoginFailsWithoutRepeatingTheCall() {
        AtomicInteger authentications = new AtomicInteger();
        FakeOdoo.Responder responder = (request, index) -> {
            if (request.isRpc("common.authenticate")) {
                return FakeOdoo.Reply.recorded(authentications.getAndIncrement() == 0
                        ? AUTHENTICATED
                        : Transcript.get("common.authenticate wrong password"));
            }
            return FakeOdoo.Reply.recorded(ACCESS_DENIED);
        };
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(TestClients.jsonRpc(odoo.url()))) {

            OdooAuthenticationException error = catchThrowableOfType(
                    () -> client.searchCount("project.task", DOMAIN), OdooAuthenticationException.class);

            assertThat(error.getMessage()).contains("returned false");
            assertThat(odoo.count("object.execute_kw")).isEqualTo(1);
        }
    }

    @Test
    void concurrentFirstCallsAuthenticateOnce() throws Exception {
        FakeOdoo.Responder responder = (request, index) -> FakeOdoo.Reply
                .recorded(request.isRpc("common.authenticate") ? AUTHENTICATED : COUNTED);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(TestClients.jsonRpc(odoo.url()))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counts.add(pool.submit(() -> {
                    start.await();
                    return client.searchCount("project.task", DOMAIN);
                }));
            }
            start.countDown();
            for (Future<Long> count : counts) {
                assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            }

            assertThat(odoo.count("common.authenticate")).isEqualTo(1);
            assertThat(odoo.count("object.execute_kw")).isEqualTo(threads);
        } finally {
            pool.shutdownNow();
        }
    }
}
