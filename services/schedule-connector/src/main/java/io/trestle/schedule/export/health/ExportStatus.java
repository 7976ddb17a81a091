package io.trestle.schedule.export.health;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/** What the project-structure export is doing, for its health check and metrics; written by its loop only. */
@ApplicationScoped
public class ExportStatus {

    public enum State {
        /** Not enabled on this instance. */
        DISABLED,
        /** Rebuilding the structure from the master-data topics. */
        STARTING,
        /** Consuming, and delivering what changed. */
        RUNNING,
        /**
         * The planner (or the outbox folder) cannot take an update now: consumption is paused, the update is retried
         * with backoff, everything after it waits in Kafka.
         */
        WAITING_FOR_PLANNER,
        /**
         * The planner refuses Trestle's credentials, or the export itself failed: it keeps retrying, but a person has
         * to act.
         */
        FAILED,
        /** Shut down. */
        STOPPED
    }

    /**
     * @param lastError
     *            the last failure, kept after recovery so an operator sees what happened; null until one
     * @param attempt
     *            failed attempts at the update being delivered, 0 when none is waiting
     * @param lag
     *            records on the master-data topics after the committed offsets: the updates not yet delivered
     */
    public record Snapshot(State state, Instant since, String lastError, int attempt, long lag) {
    }

    private record Phase(State state, Instant since, String lastError, int attempt) {
    }

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Phase> current = new AtomicReference<>(
            new Phase(State.DISABLED, clock.instant(), null, 0));
    private final AtomicLong lag = new AtomicLong();

    public Snapshot snapshot() {
        Phase phase = current.get();
        return new Snapshot(phase.state(), phase.since(), phase.lastError(), phase.attempt(), lag.get());
    }

    public void starting() {
        enter(State.STARTING, null, 0);
    }

    public void running() {
        enter(State.RUNNING, null, 0);
    }

    public void waitingForPlanner(String error, int attempt) {
        enter(State.WAITING_FOR_PLANNER, error, attempt);
    }

    public void failed(String error, int attempt) {
        enter(State.FAILED, error, attempt);
    }

    public void stopped() {
        enter(State.STOPPED, null, 0);
    }

    public void lag(long records) {
        lag.set(records);
    }

    /** Whether consumption is paused because an update waits. */
    public boolean paused() {
        return current.get().attempt() > 0;
    }

    private void enter(State state, String error, int attempt) {
        current.updateAndGet(previous -> new Phase(state,
                previous.state() == state ? previous.since() : clock.instant(),
                error != null ? error : previous.lastError(), attempt));
    }
}
