package io.trestle.odoo.standin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.trestle.odoo.standin.control.FaultState;
import io.trestle.odoo.standin.http.StandInHttpServer;

/**
 * Makes the stand-in fail the way a real Odoo does, for a period or until {@link #clear()}: refusing connections,
 * answering 503, answering slowly, or failing calls with PostgreSQL's serialization failure. Faults combine.
 */
public final class Faults {

    private final StandInHttpServer server;
    private final FaultState state;

    Faults(StandInHttpServer server, FaultState state) {
        this.server = server;
        this.state = state;
    }

    /**
     * Stops listening on the port: connecting fails with "connection refused" (in-flight requests are cut) until the
     * period has passed, then the stand-in listens again on the same port.
     */
    public void refuseConnections(Duration period) {
        server.refuseConnections(positive(period, "period"));
    }

    /** Refuses connections until {@link #clear()}. */
    public void refuseConnectionsUntilCleared() {
        server.refuseConnections(null);
    }

    /**
     * Answers every request with HTTP 503 (werkzeug's "Service Unavailable" page) for the period, announcing
     * {@code Retry-After} in whole seconds when given. Nothing reaches Odoo's services meanwhile.
     */
    public void respond503(Duration period, Optional<Duration> retryAfter) {
        state.unavailable(positive(period, "period"), Objects.requireNonNull(retryAfter, "retryAfter"));
    }

    /** Answers 503 until {@link #clear()}. */
    public void respond503UntilCleared(Optional<Duration> retryAfter) {
        state.unavailable(null, Objects.requireNonNull(retryAfter, "retryAfter"));
    }

    /**
     * Holds every answer back by {@code delay} until {@link #clear()}. The call takes effect at once; only its answer
     * is late, so a client that times out cannot tell whether its write happened, as with an overloaded Odoo.
     */
    public void delayEachCall(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, not " + delay);
        }
        state.delay(delay);
    }

    /**
     * Fails the next {@code nextCalls} model calls (any model, any method) with {@code
     * psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update}, inside Odoo's error
     * envelope, as Odoo answers once its own retries are exhausted. The failed calls change nothing.
     */
    public void serializationFailures(int nextCalls) {
        serializationFailures(nextCalls, null, null);
    }

    /**
     * Like {@link #serializationFailures(int)}, for the next calls of one model and method only.
     *
     * @param model
     *            {@code null} for any model
     * @param method
     *            {@code null} for any method
     */
    public void serializationFailures(int nextCalls, String model, String method) {
        if (nextCalls < 0) {
            throw new IllegalArgumentException("nextCalls must not be negative, not " + nextCalls);
        }
        state.serializationFailures(nextCalls, model, method);
    }

    /** Ends every fault: listens again if it was refusing, answers normally and promptly. */
    public void clear() {
        state.clear();
        server.resumeListening();
    }

    private static Duration positive(Duration period, String name) {
        Objects.requireNonNull(period, name);
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, not " + period);
        }
        return period;
    }
}
