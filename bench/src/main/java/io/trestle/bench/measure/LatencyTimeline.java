package io.trestle.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.trestle.bench.stats.Percentiles;

/**
 * Posting latency over the course of a phase, in buckets of receive time: whether a high percentile comes from a few
 * stalls (a pause of the aggregator, a burst of windows closing at once) or from the whole phase running slow.
 */
public final class LatencyTimeline {

    private LatencyTimeline() {
    }

    /** The postings received from {@code fromSecond} (since the phase started) for one bucket's length. */
    public record Bucket(long fromSecond, int postings, double p50Ms, double maxMs) {
    }

    public static List<Bucket> of(List<LatencyAttribution.Measured> measured, long phaseStartNanos,
            long bucketSeconds) {
        TreeMap<Long, List<Double>> buckets = new TreeMap<>();
        for (LatencyAttribution.Measured posting : measured) {
            long second = (posting.receivedNanos() - phaseStartNanos) / 1_000_000_000L;
            buckets.computeIfAbsent(second / bucketSeconds * bucketSeconds, from -> new ArrayList<>())
                    .add(posting.latencyMs());
        }
        List<Bucket> timeline = new ArrayList<>();
        buckets.forEach((from, latencies) -> {
            Percentiles percentiles = Percentiles.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
            timeline.add(new Bucket(from, latencies.size(), percentiles.percentile(50), percentiles.max()));
        });
        return timeline;
    }
}
