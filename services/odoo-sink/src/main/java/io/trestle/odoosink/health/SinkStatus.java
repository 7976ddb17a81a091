package io.trestle.odoosink.health;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the sink is doing, for health checks, metrics and operators. Each input's loop writes its own part; everyone
 * else reads the sink as a whole, which is only as well as its worst input: one input waiting for Odoo while another
 * writes still means records wait.
 */
@ApplicationScoped
public class SinkStatus {

    /** A sink loop's state, from the least to the most in need of attention. */
    public enum State {
        /** Consuming and writing. */
        RUNNING,
        /** Shut down. */
        STOPPED,
        /** Not started yet. */
        STARTING,
        /** Odoo failed transiently; consumption is paused and the batch is retried with backoff. */
        WAITING_FOR_ODOO,
        /** Odoo refused the sink's credentials or rights, or its configuration; a person must act, then restart. */
        FAILED
    }

    /**
     * A snapshot for reports: the state, error and attempt of the input in the worst state ({@code input}), and the
     * counts and lag of all inputs together.
     */
    public record Snapshot(State state, String input, Instant since, String lastError, int attempt, long posted,
            long rejected, long lag) {
    }

    private record Phase(State state, Instant since, String lastError, int attempt) {
    }

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Input> inputs = new ConcurrentHashMap<>();

    /** The status of one input, created on first use. */
    public Input input(String name) {
        return inputs.computeIfAbsent(name, Input::new);
    }

    public Snapshot snapshot() {
        if (inputs.isEmpty()) {
            return new Snapshot(State.STARTING, null, clock.instant(), null, 0, 0, 0, 0);
        }
        Input worst = inputs.values().stream()
                .max(Comparator.comparing((Input input) -> input.current.get().state())
                        .thenComparing(input -> input.name))
                .orElseThrow();
        Phase phase = worst.current.get();
        long posted = inputs.values().stream().mapToLong(input -> input.posted.get()).sum();
        long rejected = inputs.values().stream().mapToLong(input -> input.rejected.get()).sum();
        long lag = inputs.values().stream().mapToLong(Input::lag).sum();
        return new Snapshot(phase.state(), worst.name, phase.since(), phase.lastError(), phase.attempt(), posted,
                rejected, lag);
    }

    /** What one input's loop is doing; written by that loop only. */
    public final class Input {

        private final String name;
        private final AtomicReference<Phase> current = new AtomicReference<>(
                new Phase(State.STARTING, Instant.now(), null, 0));
        private final AtomicLong posted = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong lag = new AtomicLong();

        private Input(String name) {
            this.name = name;
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

        public void counted(long postedRecords, long rejectedRecords) {
            posted.addAndGet(postedRecords);
            rejected.addAndGet(rejectedRecords);
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
}
