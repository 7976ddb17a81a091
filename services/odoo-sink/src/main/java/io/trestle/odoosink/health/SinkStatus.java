package io.trestle.odoosink.health;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the sink is doing, for health checks, metrics and operators. Written by the sink loop, read by everyone else.
 */
@ApplicationScoped
public class SinkStatus {

    /** The sink loop's state. */
    public enum State {
        /** Not started yet. */
        STARTING,
        /** Consuming and writing. */
        RUNNING,
        /** Odoo failed transiently; consumption is paused and the batch is retried with backoff. */
        WAITING_FOR_ODOO,
        /** Odoo refused the sink's credentials or rights, or its configuration; a person must act, then restart. */
        FAILED,
        /** Shut down. */
        STOPPED
    }

    /** A snapshot for reports. */
    public record Snapshot(State state, Instant since, String lastError, int attempt, long posted, long rejected,
            long lag) {
    }

    private record Phase(State state, Instant since, String lastError, int attempt) {
    }

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Phase> current = new AtomicReference<>(
            new Phase(State.STARTING, Instant.now(), null, 0));
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();

    public Snapshot snapshot() {
        Phase phase = current.get();
        return new Snapshot(phase.state(), phase.since(), phase.lastError(), phase.attempt(), posted.get(),
                rejected.get(), lag.get());
    }

    void enter(State state, String error, int attempt) {
        current.updateAndGet(previous -> new Phase(state,
                previous.state() == state ? previous.since() : clock.instant(), error, attempt));
    }

    public void running() {
        enter(State.RUNNING, null, 0);
    }

    public void waitingForOdoo(String error, int attempt) {
        enter(State.WAITING_FOR_ODOO, error, attempt);
    }

    public void failed(String error) {
        enter(State.FAILED, error, 0);
    }

    public void stopped() {
        enter(State.STOPPED, null, 0);
    }

    public void counted(long postedLines, long rejectedLines) {
        posted.addAndGet(postedLines);
        rejected.addAndGet(rejectedLines);
    }

    public void lag(long records) {
        lag.set(records);
    }

    public long lag() {
        return lag.get();
    }

    public boolean paused() {
        State state = current.get().state();
        return state == State.WAITING_FOR_ODOO || state == State.FAILED;
    }
}
