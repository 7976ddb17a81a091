package io.trestle.bench.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency of cost postings, excluding the window wait.
 *
 * <p>
 * A window of an asset is posted when the stream time of the asset's telemetry partition — the latest reading time the
 * aggregator has read from that partition (reading time capped at the record's timestamp, as its
 * {@code ReadingTimeExtractor} does) — reaches the window's end plus grace. The reading that first moves it there is
 * the window's <b>trigger</b>; until it arrives, the window is merely waiting, however fast the pipeline is. So a
 * posting's latency is: the moment the benchmark's reader receives the posting (committed, {@code read_committed}) −
 * the moment the connector acknowledged the request carrying the trigger (its 202, after the broker acknowledged every
 * reading of it).
 *
 * <p>
 * The trigger is found from the telemetry topic itself: per partition, in offset order (the order the aggregator reads
 * it), the first record whose capped reading time reaches the deadline; its correlation id names the request that
 * carried it. Only original postings (revision 0) are measured: a correction's deadline is set by the late data that
 * reopened its window, not by the window's end. Postings whose trigger lies outside the measured phase are left out and
 * counted.
 */
public final class LatencyAttribution {

    private LatencyAttribution() {
    }

    /** One telemetry record as the aggregator reads it: capped reading time and the request it came with. */
    public record TelemetryRecord(String assetId, long streamTimeMillis, String correlationId) {
    }

    /** One measured posting: when it was received, and its latency. */
    public record Measured(long receivedNanos, double latencyMs) {
    }

    /**
     * @param measured
     *            one per measured posting
     * @param corrections
     *            corrections received in the phase, not measured
     * @param triggeredBefore
     *            original postings whose trigger was acknowledged before the phase (e.g. a window closed in the bulk
     *            replay and posted during the live phase)
     * @param withoutTrigger
     *            original postings whose deadline no record of their partition reached — posted for another reason
     */
    public record Result(List<Measured> measured, int corrections, int triggeredBefore, int withoutTrigger) {

        public double[] latenciesMs() {
            return measured.stream().mapToDouble(Measured::latencyMs).toArray();
        }
    }

    /**
     * @param partitions
     *            each telemetry partition's records in offset order
     * @param postings
     *            the postings received in the phase
     * @param acknowledgedNanos
     *            per correlation id of the phase's requests, when the connector acknowledged it
     */
    public static Result attribute(Map<Integer, List<TelemetryRecord>> partitions,
            List<PostingCollector.Seen> postings, long graceMillis, Map<String, Long> acknowledgedNanos) {
        Map<String, Integer> partitionOfAsset = new HashMap<>();
        Map<Integer, long[]> streamTimes = new HashMap<>();
        partitions.forEach((partition, records) -> {
            long[] streamTime = new long[records.size()];
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < records.size(); i++) {
                TelemetryRecord record = records.get(i);
                latest = Math.max(latest, record.streamTimeMillis());
                streamTime[i] = latest;
                partitionOfAsset.putIfAbsent(record.assetId(), partition);
            }
            streamTimes.put(partition, streamTime);
        });
        List<Measured> measured = new ArrayList<>();
        int corrections = 0;
        int before = 0;
        int without = 0;
        for (PostingCollector.Seen posting : postings) {
            if (posting.isCorrection()) {
                corrections++;
                continue;
            }
            Integer partition = partitionOfAsset.get(posting.assetId());
            int trigger = partition == null
                    ? -1
                    : firstReaching(streamTimes.get(partition), posting.windowEndMillis() + graceMillis);
            if (trigger < 0) {
                without++;
                continue;
            }
            Long acknowledged = acknowledgedNanos.get(partitions.get(partition).get(trigger).correlationId());
            if (acknowledged == null) {
                before++;
                continue;
            }
            measured.add(new Measured(posting.receivedNanos(), (posting.receivedNanos() - acknowledged) / 1e6));
        }
        return new Result(measured, corrections, before, without);
    }

    /** Index of the first entry at or beyond {@code deadline} in a non-decreasing array, or -1. */
    static int firstReaching(long[] streamTime, long deadline) {
        int low = 0;
        int high = streamTime.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (streamTime[middle] >= deadline) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low < streamTime.length ? low : -1;
    }
}
