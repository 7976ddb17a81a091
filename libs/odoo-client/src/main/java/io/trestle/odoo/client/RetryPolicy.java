package io.trestle.odoo.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries of {@link OdooErrorClass#TRANSIENT} failures: exponential backoff with full jitter, each wait drawn uniformly
 * from {@code [0, min(maxBackoff, initialBackoff * 2^(retry-1))]}, or the server's {@code Retry-After} when it sent one
 * (capped at {@code maxBackoff}).
 *
 * @param maxAttempts
 *            attempts per call including the first; 1 disables retries
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff " + maxBackoff + " must not be shorter than initialBackoff " + initialBackoff);
        }
    }

    /** 5 attempts, waits from 200 ms growing to at most 10 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** One attempt: transient failures reach the caller at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }
}
