package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetrierTest {

    private static final RetryPolicy POLICY = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(2));

    @ParameterizedTest(name = "retry {0}: ceiling {1} ms")
    @CsvSource({"1, 200", "2, 400", "3, 800", "4, 1600", "5, 2000", "40, 2000", "70, 2000"})
    void backoffDoublesUpToTheMaximum(int retry, long ceilingMillis) {
        Retrier highest = new Retrier(POLICY, new RecordingSleeper(), () -> 1.0, CallMetrics.NONE);
        Retrier lowest = new Retrier(POLICY, new RecordingSleeper(), () -> 0.0, CallMetrics.NONE);

        assertThat(highest.backoff(retry)).isEqualTo(Duration.ofMillis(ceilingMillis));
        assertThat(lowest.backoff(retry)).isZero();
    }

    @Test
    void interruptedWaitStopsRetrying() {
        Sleeper interrupted = duration -> {
            throw new InterruptedException("shutting down");
        };
        Retrier retrier = new Retrier(POLICY, interrupted, () -> 0.5, CallMetrics.NONE);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.run("project.task", "read", true, () -> {
            attempts.incrementAndGet();
            throw new OdooTransientException(null, "HTTP 503", "project.task", "read", null, false, null);
        })).isInstanceOf(OdooTransientException.class)
                .hasSuppressedException(new InterruptedException("shutting down"));

        assertThat(attempts).hasValue(1);
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    }
}
