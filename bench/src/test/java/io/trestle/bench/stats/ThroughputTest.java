package io.trestle.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void wholePhaseCountsFromItsStartAndSteadyStateFromTheWarmUpShare() {
        // 100 items: the first 10 take 5 s (warm-up), the other 90 take 3 s.
        List<Throughput.Sample> samples = List.of(new Throughput.Sample(2 * SECOND, 4),
                new Throughput.Sample(5 * SECOND, 10), new Throughput.Sample(6 * SECOND, 40),
                new Throughput.Sample(8 * SECOND, 100));

        Throughput throughput = Throughput.of(0, samples, 0.1);

        assertThat(throughput.items()).isEqualTo(100);
        assertThat(throughput.seconds()).isEqualTo(8.0);
        assertThat(throughput.perSecond()).isCloseTo(12.5, within(1e-9));
        assertThat(throughput.steadyPerSecond()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void theFirstSamplePastTheWarmUpShareStartsTheSteadyState() {
        List<Throughput.Sample> samples = List.of(new Throughput.Sample(SECOND, 15),
                new Throughput.Sample(3 * SECOND, 115));

        assertThat(Throughput.of(0, samples, 0.1).steadyPerSecond()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void aPhaseDoneInOneSampleHasNoSteadyState() {
        Throughput throughput = Throughput.of(0, List.of(new Throughput.Sample(2 * SECOND, 10)), 0.1);

        assertThat(throughput.perSecond()).isEqualTo(5.0);
        assertThat(throughput.steadyPerSecond()).isNaN();
    }
}
