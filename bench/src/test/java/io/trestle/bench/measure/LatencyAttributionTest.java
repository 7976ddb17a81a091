package io.trestle.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trestle.bench.measure.LatencyAttribution.TelemetryRecord;

class LatencyAttributionTest {

    private static final long MINUTE = 60_000;
    private static final long GRACE = 30 * MINUTE;
    private static final long MS = 1_000_000;

    /**
     * Partition 0 carries machines A and B; stream time there is the latest reading time so far. A's window ending at
     * 10:00 is due at 10:30: B's 10:31 reading (request live-1) gets there first, not A's own later one.
     */
    @Test
    void thePostingIsTimedFromTheRequestCarryingTheFirstReadingThatReachesItsDeadline() {
        Map<Integer, List<TelemetryRecord>> partitions = Map.of(0, List.of(record("A", 600, "bulk-0"),
                record("B", 615, "live-0"), record("A", 629, "live-0"), record("B", 631, "live-1"),
                record("A", 640, "live-2")));
        Map<String, Long> acknowledged = Map.of("live-0", 1_000 * MS, "live-1", 2_000 * MS, "live-2", 3_000 * MS);

        LatencyAttribution.Result result = LatencyAttribution.attribute(partitions,
                List.of(posting("A", 600, 0, 2_250 * MS)), GRACE, acknowledged);

        assertThat(result.latenciesMs()).containsExactly(250.0);
    }

    @Test
    void aReadingOutOfOrderDoesNotMoveStreamTimeBack() {
        Map<Integer, List<TelemetryRecord>> partitions = Map.of(0, List.of(record("A", 631, "live-0"),
                record("A", 620, "live-1"), record("A", 632, "live-2")));
        Map<String, Long> acknowledged = Map.of("live-0", 1_000 * MS, "live-1", 2_000 * MS, "live-2", 3_000 * MS);

        LatencyAttribution.Result result = LatencyAttribution.attribute(partitions,
                List.of(posting("A", 600, 0, 1_400 * MS)), GRACE, acknowledged);

        assertThat(result.latenciesMs()).containsExactly(400.0);
    }

    @Test
    void eachMachineIsTimedOnItsOwnPartition() {
        Map<Integer, List<TelemetryRecord>> partitions = Map.of(0, List.of(record("A", 640, "live-0")), 1,
                List.of(record("B", 620, "live-0"), record("B", 635, "live-1")));
        Map<String, Long> acknowledged = Map.of("live-0", 1_000 * MS, "live-1", 5_000 * MS);

        LatencyAttribution.Result result = LatencyAttribution.attribute(partitions,
                List.of(posting("B", 600, 0, 5_100 * MS)), GRACE, acknowledged);

        assertThat(result.latenciesMs()).containsExactly(100.0);
    }

    @Test
    void correctionsAndPostingsTriggeredBeforeThePhaseOrByNothingAreCountedNotTimed() {
        Map<Integer, List<TelemetryRecord>> partitions = Map.of(0, List.of(record("A", 631, "bulk-9"),
                record("A", 700, "live-0")));
        Map<String, Long> acknowledged = Map.of("live-0", 1_000 * MS);

        LatencyAttribution.Result result = LatencyAttribution.attribute(partitions,
                List.of(posting("A", 600, 1, 2_000 * MS), posting("A", 600, 0, 2_000 * MS),
                        posting("A", 690, 0, 2_000 * MS), posting("Z", 600, 0, 2_000 * MS)),
                GRACE, acknowledged);

        assertThat(result.latenciesMs()).isEmpty();
        assertThat(result.corrections()).isEqualTo(1);
        assertThat(result.triggeredBefore()).isEqualTo(1);
        assertThat(result.withoutTrigger()).isEqualTo(2);
    }

    @Test
    void firstReachingFindsTheFirstIndexAtOrBeyondTheDeadline() {
        long[] streamTime = {1, 3, 3, 7, 9};

        assertThat(LatencyAttribution.firstReaching(streamTime, 0)).isZero();
        assertThat(LatencyAttribution.firstReaching(streamTime, 3)).isEqualTo(1);
        assertThat(LatencyAttribution.firstReaching(streamTime, 4)).isEqualTo(3);
        assertThat(LatencyAttribution.firstReaching(streamTime, 10)).isEqualTo(-1);
    }

    private static TelemetryRecord record(String asset, long minute, String correlationId) {
        return new TelemetryRecord(asset, minute * MINUTE, correlationId);
    }

    private static PostingCollector.Seen posting(String asset, long windowEndMinute, int revision, long received) {
        return new PostingCollector.Seen("p-" + asset + windowEndMinute + "-" + revision, asset, "P1",
                windowEndMinute * MINUTE, revision, 0, 0, received);
    }
}
