package io.trestle.telemetry.query;

/**
 * A query cannot be answered now, but can shortly: the instance is not running yet or is rebalancing, a store is moving
 * between instances, or the instance holding the key did not answer. Answered with 503 and {@code Retry-After}.
 */
public class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message) {
        super(message);
    }

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
