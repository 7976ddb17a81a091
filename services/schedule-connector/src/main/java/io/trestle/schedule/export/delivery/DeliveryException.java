package io.trestle.schedule.export.delivery;

import java.time.Duration;
import java.util.Optional;

/** A target did not take a file. */
public class DeliveryException extends Exception {

    public enum Kind {
        /** The target cannot take it now (down, overloaded, timed out, disk full): deliver the same file later. */
        UNAVAILABLE,
        /**
         * The target refuses Trestle itself (credentials, rights, an address that is no endpoint): retry later too, but
         * a person has to act.
         */
        REFUSED,
        /** The target refuses this file for its content: retrying cannot help; it is quarantined. */
        REJECTED
    }

    private final Kind kind;
    private final String reason;
    private final Duration retryAfter;

    /**
     * @param reason
     *            short, for metrics: {@code connection}, {@code timeout}, {@code server_error}, {@code rate_limited},
     *            {@code refused}, {@code rejected}, {@code io}
     * @param retryAfter
     *            how long the target asked to be left alone, null when it did not say
     */
    public DeliveryException(Kind kind, String reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
