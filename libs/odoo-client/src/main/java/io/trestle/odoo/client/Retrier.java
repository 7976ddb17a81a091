package io.trestle.odoo.client;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Repeats one exchange after {@link OdooTransientException}s, as {@link RetryPolicy} describes. */
final class Retrier {

    private static final System.Logger LOG = System.getLogger(Retrier.class.getName());

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final CallMetrics metrics;

    /**
     * @param random
     *            uniform in [0, 1): the jitter
     */
    Retrier(RetryPolicy policy, Sleeper sleeper, DoubleSupplier random, CallMetrics metrics) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.metrics = metrics;
    }

    /**
     * @param idempotent
     *            whether running the exchange twice is harmless; if not, a failure after which Odoo may have applied it
     *            ({@link OdooTransientException#outcomeUnknown()}) is not repeated
     */
    <T> T run(String model, String method, boolean idempotent, Supplier<T> exchange) {
        for (int attempt = 1;; attempt++) {
            try {
                return exchange.get();
            } catch (OdooTransientException e) {
                if (attempt >= policy.maxAttempts() || (e.outcomeUnknown() && !idempotent)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration wait = waitAfter(attempt, e);
                if (wait == null) {
                    // The server asked for a longer pause than this client blocks for: the caller schedules it.
                    throw e;
                }
                LOG.log(Level.INFO, "{0}; attempt {1} of {2} in {3} ms", e.getMessage(), attempt + 1,
                        policy.maxAttempts(), wait.toMillis());
                metrics.retry(model == null ? CallTimer.COMMON_SERVICE : model, method);
                pause(wait, e);
            }
        }
    }

    /** The wait before the next attempt, or {@code null} when the server asks for more than the policy allows. */
    private Duration waitAfter(int failedAttempt, OdooTransientException failure) {
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            return asked.compareTo(policy.maxBackoff()) > 0 ? null : asked;
        }
        return backoff(failedAttempt);
    }

    /** Full jitter: uniform in [0, min(maxBackoff, initialBackoff * 2^(retry - 1))]. */
    Duration backoff(int retry) {
        long initial = policy.initialBackoff().toMillis();
        long max = policy.maxBackoff().toMillis();
        long ceiling = retry - 1 >= Long.numberOfLeadingZeros(Math.max(initial, 1)) - 1
                ? max
                : Math.min(max, initial << (retry - 1));
        return Duration.ofMillis(Math.round(ceiling * random.getAsDouble()));
    }

    private void pause(Duration wait, OdooTransientException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
