package io.trestle.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LatencyTimelineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void postingsAreBucketedByWhenTheyWereReceivedSinceThePhaseStarted() {
        long start = 5 * SECOND;
        List<LatencyAttribution.Measured> measured = List.of(new LatencyAttribution.Measured(start + SECOND, 100),
                new LatencyAttribution.Measured(start + 9 * SECOND, 300),
                new LatencyAttribution.Measured(start + 9 * SECOND, 200),
                new LatencyAttribution.Measured(start + 31 * SECOND, 5000));

        List<LatencyTimeline.Bucket> timeline = LatencyTimeline.of(measured, start, 10);

        assertThat(timeline).containsExactly(new LatencyTimeline.Bucket(0, 3, 200, 300),
                new LatencyTimeline.Bucket(30, 1, 5000, 5000));
    }
}
