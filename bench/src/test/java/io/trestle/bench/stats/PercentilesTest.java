package io.trestle.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToAHundredIsTheValueItself() {
        Percentiles percentiles = Percentiles.of(IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray());

        assertThat(percentiles.percentile(50)).isEqualTo(50);
        assertThat(percentiles.percentile(99)).isEqualTo(99);
        assertThat(percentiles.percentile(100)).isEqualTo(100);
        assertThat(percentiles.percentile(0.5)).isEqualTo(1);
    }

    @Test
    void theOrderOfTheSampleDoesNotMatter() {
        Percentiles percentiles = Percentiles.of(new double[]{40, 10, 30, 20});

        assertThat(percentiles.percentile(50)).isEqualTo(20);
        assertThat(percentiles.percentile(75)).isEqualTo(30);
        assertThat(percentiles.percentile(76)).isEqualTo(40);
        assertThat(percentiles.max()).isEqualTo(40);
        assertThat(percentiles.mean()).isEqualTo(25);
    }

    @Test
    void p99OfASmallSampleIsItsMaximumNotAnInterpolation() {
        Percentiles.Summary summary = Percentiles.of(new double[]{5, 7, 1000}).summary();

        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.p50()).isEqualTo(7);
        assertThat(summary.p99()).isEqualTo(1000);
    }

    @Test
    void theInputIsNotReordered() {
        double[] values = {3, 1, 2};

        Percentiles.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void anEmptySampleSummarisesAsNothingMeasured() {
        assertThat(Percentiles.of(new double[0]).summary()).isEqualTo(Percentiles.Summary.EMPTY);
        assertThatThrownBy(() -> Percentiles.of(new double[0]).percentile(50))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPercentileOutsideTheRangeIsRefused() {
        Percentiles percentiles = Percentiles.of(new double[]{1});

        assertThatThrownBy(() -> percentiles.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> percentiles.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
