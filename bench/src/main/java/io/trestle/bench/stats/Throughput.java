package io.trestle.bench.stats;

import java.util.List;

/**
 * Items per second from progress samples (when, how many done so far): over the whole phase, and in steady state — from
 * the moment {@code warmupShare} of the items were done to the end, which leaves out class loading, JIT compilation and
 * connection set-up of a freshly started JVM.
 */
public record Throughput(long items, double seconds, double perSecond, double steadyPerSecond, double warmupShare) {

    /** How far a phase had got at a moment: {@code done} items by {@link System#nanoTime()} {@code nanos}. */
    public record Sample(long nanos, long done) {
    }

    /**
     * @param startNanos
     *            when the phase started (nothing done)
     * @param samples
     *            progress in time order, the last one the end of the phase
     */
    public static Throughput of(long startNanos, List<Sample> samples, double warmupShare) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no progress samples");
        }
        Sample last = samples.get(samples.size() - 1);
        double seconds = (last.nanos() - startNanos) / 1e9;
        long threshold = (long) Math.ceil(last.done() * warmupShare);
        Sample warm = samples.stream().filter(sample -> sample.done() >= threshold).findFirst().orElse(last);
        double steadySeconds = (last.nanos() - warm.nanos()) / 1e9;
        double steady = steadySeconds > 0 ? (last.done() - warm.done()) / steadySeconds : Double.NaN;
        return new Throughput(last.done(), seconds, last.done() / seconds, steady, warmupShare);
    }
}
