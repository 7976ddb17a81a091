package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;

class CounterDeltasTest {

    private static final long T0 = 1_000_000L;
    private static final long FIVE_MINUTES = 300_000L;
    private static final CounterDeltas.Rules RULES = new CounterDeltas.Rules(Duration.ofHours(6), 0.1);

    @Test
    void firstReadingOnlySetsTheBaseline() {
        CounterDeltas.Step step = CounterDeltas.next(RULES, null, T0, 100.0, 10.0, 500.0, "L");

        assertThat(step.delta()).isEmpty();
        assertThat(step.anomaly()).isEmpty();
        assertThat(step.state()).isEqualTo(new CounterState(T0, 100.0, 10.0, 500.0, "L"));
    }

    @Test
    void usageIsTheIncreaseOfEachCounterSinceTheLastReading() {
        CounterState before = new CounterState(T0, 100.0, 10.0, 500.0, "L");

        CounterDeltas.Step step = CounterDeltas.next(RULES, before, T0 + FIVE_MINUTES, 100.125, 10.05, 507.5, "L");

        assertThat(step.delta()).contains(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.125, 10.05 - 10.0, 7.5, "L"));
        assertThat(step.anomaly()).isEmpty();
    }

    @Test
    void repeatedAndOlderReadingsYieldNothingAndKeepTheBaseline() {
        CounterState before = new CounterState(T0, 100.0, null, null, null);

        CounterDeltas.Step repeat = CounterDeltas.next(RULES, before, T0, 100.0, null, null, null);
        CounterDeltas.Step older = CounterDeltas.next(RULES, before, T0 - FIVE_MINUTES, 99.0, null, null, null);

        assertThat(repeat.delta()).isEmpty();
        assertThat(repeat.state()).isSameAs(before);
        assertThat(older.delta()).isEmpty();
        assertThat(older.state()).isSameAs(before);
    }

    @Test
    void aCounterRunningBackwardsIsFlaggedChargesNothingAndRestartsTheBaseline() {
        CounterState before = new CounterState(T0, 5000.0, null, null, null);

        CounterDeltas.Step reset = CounterDeltas.next(RULES, before, T0 + FIVE_MINUTES, 2.0, null, null, null);
        CounterDeltas.Step after = CounterDeltas.next(RULES, reset.state(), T0 + 2 * FIVE_MINUTES, 2.05, null, null,
                null);

        assertThat(reset.anomaly()).map(CounterDeltas.Anomaly::reasonCode).contains("COUNTER_WENT_BACKWARDS");
        assertThat(reset.delta()).map(UsageDelta::operatingHours).contains(0.0);
        assertThat(after.anomaly()).isEmpty();
        assertThat(after.delta().orElseThrow().operatingHours()).isCloseTo(0.05,
                within(1e-9));
    }

    @Test
    void aRiseBeyondTheElapsedTimeIsFlaggedAndNotCharged() {
        CounterState before = new CounterState(T0, 3.0, null, null, null);

        CounterDeltas.Step jump = CounterDeltas.next(RULES, before, T0 + FIVE_MINUTES, 9000.0, null, null, null);

        assertThat(jump.anomaly()).map(CounterDeltas.Anomaly::reasonCode).contains("VALUE_OUT_OF_RANGE");
        assertThat(jump.delta()).map(UsageDelta::operatingHours).contains(0.0);
        assertThat(jump.state().operatingHours()).isEqualTo(9000.0);
    }

    @Test
    void aRiseWithinTheMeterResolutionIsCharged() {
        CounterState before = new CounterState(T0, 3.0, null, null, null);

        CounterDeltas.Step step = CounterDeltas.next(RULES, before, T0 + FIVE_MINUTES, 3.18, null, null, null);

        assertThat(step.anomaly()).isEmpty();
        assertThat(step.delta().orElseThrow().operatingHours()).isCloseTo(0.18,
                within(1e-9));
    }

    @Test
    void usageAcrossAGapLongerThanAllowedIsFlaggedAndNotSpread() {
        CounterState before = new CounterState(T0, 100.0, null, null, null);
        long aWeekLater = T0 + Duration.ofDays(7).toMillis();

        CounterDeltas.Step step = CounterDeltas.next(RULES, before, aWeekLater, 130.0, null, null, null);

        assertThat(step.anomaly()).map(CounterDeltas.Anomaly::reasonCode).contains("READING_GAP_TOO_LONG");
        assertThat(step.delta()).isEmpty();
        assertThat(step.state().readingTime()).isEqualTo(aWeekLater);
    }

    @Test
    void fuelInAnotherUnitRestartsOnlyTheFuelBaseline() {
        CounterState before = new CounterState(T0, 100.0, null, 500.0, "L");

        CounterDeltas.Step step = CounterDeltas.next(RULES, before, T0 + FIVE_MINUTES, 100.05, null, 140.0, "gal");

        assertThat(step.delta().orElseThrow().fuelUsed()).isNull();
        assertThat(step.state().fuelUnit()).isEqualTo("gal");
    }

    @Test
    void aMachineStandingStillYieldsAZeroDeltaSoTimeStillAdvances() {
        CounterState before = new CounterState(T0, 100.0, 10.0, null, null);

        assertThat(CounterDeltas.next(RULES, before, T0 + FIVE_MINUTES, 100.0, 10.0, null, null).delta())
                .contains(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.0, 0.0, null, null));
    }
}
