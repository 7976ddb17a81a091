package io.trestle.bench.stats;

import java.util.Arrays;

/**
 * Order statistics of a sample by the nearest-rank method: the p-th percentile is the smallest value with at least p %
 * of the sample at or below it, so every reported figure is a value that was observed.
 */
public final class Percentiles {

    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]. */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must lie in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    /** Count, p50, p99 and max, or {@link Summary#EMPTY} for no values. */
    public Summary summary() {
        if (sorted.length == 0) {
            return Summary.EMPTY;
        }
        return new Summary(sorted.length, percentile(50), percentile(99), max(), mean());
    }

    public record Summary(int count, double p50, double p99, double max, double mean) {

        public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
