package io.trestle.odoo.standin.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The faults in force, other than refused connections (the listener owns those). Periods are measured on the JVM's
 * monotonic clock, not on the clock records are stamped with.
 */
public final class FaultState {

    private static final long UNTIL_CLEARED = Long.MAX_VALUE;

    /** An HTTP 503 in force, with the {@code Retry-After} to announce. */
    public record Unavailable(Optional<Duration> retryAfter) {
    }

    private static final class FailureBudget {

        private final String model;
        private final String method;
        private int remaining;

        FailureBudget(String model, String method, int remaining) {
            this.model = model;
            this.method = method;
            this.remaining = remaining;
        }

        boolean matches(String callModel, String callMethod) {
            return (model == null || model.equals(callModel)) && (method == null || method.equals(callMethod));
        }
    }

    private long unavailableUntil;
    private Optional<Duration> retryAfter = Optional.empty();
    private Duration delay = Duration.ZERO;
    private final List<FailureBudget> serializationFailures = new ArrayList<>();

    /**
     * @param period
     *            {@code null} for until cleared
     */
    public synchronized void unavailable(Duration period, Optional<Duration> announcedRetryAfter) {
        unavailableUntil = period == null ? UNTIL_CLEARED : deadline(period);
        retryAfter = announcedRetryAfter;
    }

    public synchronized Optional<Unavailable> unavailable() {
        if (unavailableUntil == 0) {
            return Optional.empty();
        }
        if (unavailableUntil != UNTIL_CLEARED && System.nanoTime() - unavailableUntil >= 0) {
            unavailableUntil = 0;
            return Optional.empty();
        }
        return Optional.of(new Unavailable(retryAfter));
    }

    public synchronized void delay(Duration each) {
        delay = each;
    }

    public synchronized Duration delay() {
        return delay;
    }

    /**
     * @param model
     *            the model whose calls fail, or {@code null} for any
     * @param method
     *            the method whose calls fail, or {@code null} for any
     */
    public synchronized void serializationFailures(int count, String model, String method) {
        if (count > 0) {
            serializationFailures.add(new FailureBudget(model, method, count));
        }
    }

    /** Whether this call is one of those to fail; using it up. */
    public synchronized boolean takeSerializationFailure(String model, String method) {
        Iterator<FailureBudget> budgets = serializationFailures.iterator();
        while (budgets.hasNext()) {
            FailureBudget budget = budgets.next();
            if (budget.matches(model, method)) {
                budget.remaining--;
                if (budget.remaining == 0) {
                    budgets.remove();
                }
                return true;
            }
        }
        return false;
    }

    public synchronized void clear() {
        unavailableUntil = 0;
        retryAfter = Optional.empty();
        delay = Duration.ZERO;
        serializationFailures.clear();
    }

    private static long deadline(Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        // 0 means "no fault"; a deadline landing on it exactly is moved by a nanosecond.
        return deadline == 0 ? 1 : deadline;
    }
}
