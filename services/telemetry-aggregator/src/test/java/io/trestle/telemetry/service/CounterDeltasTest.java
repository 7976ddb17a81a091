package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;

class CounterDeltasTest {

    private static final long T0 = 1_000_000L;
    private static final long FIVE_MINUTES = 300_000L;

    @Test
    void firstReadingOnlySetsTheBaseline() {
        CounterDeltas.Step step = CounterDeltas.next(null, T0, 100.0, 10.0, 500.0, "L");

        assertThat(step.delta()).isEmpty();
        assertThat(step.state()).isEqualTo(new CounterState(T0, 100.0, 10.0, 500.0, "L"));
    }

    @Test
    void usageIsTheIncreaseOfEachCounterSinceTheLastReading() {
        CounterState before = new CounterState(T0, 100.0, 10.0, 500.0, "L");

        CounterDeltas.Step step = CounterDeltas.next(before, T0 + FIVE_MINUTES, 100.25, 10.05, 507.5, "L");

        assertThat(step.delta()).contains(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.25, 10.05 - 10.0, 7.5, "L"));
        assertThat(step.resetDetected()).isFalse();
    }

    @Test
    void repeatedAndOlderReadingsYieldNothingAndKeepTheBaseline() {
        CounterState before = new CounterState(T0, 100.0, null, null, null);

        CounterDeltas.Step repeat = CounterDeltas.next(before, T0, 100.0, null, null, null);
        CounterDeltas.Step older = CounterDeltas.next(before, T0 - FIVE_MINUTES, 99.0, null, null, null);

        assertThat(repeat.delta()).isEmpty();
        assertThat(repeat.state()).isSameAs(before);
        assertThat(older.delta()).isEmpty();
        assertThat(older.state()).isSameAs(before);
    }

    @Test
    void aCounterRunningBackwardsIsAResetWithNoNegativeUsage() {
        CounterState before = new CounterState(T0, 5000.0, null, null, null);

        CounterDeltas.Step reset = CounterDeltas.next(before, T0 + FIVE_MINUTES, 2.0, null, null, null);
        CounterDeltas.Step after = CounterDeltas.next(reset.state(), T0 + 2 * FIVE_MINUTES, 2.5, null, null, null);

        assertThat(reset.resetDetected()).isTrue();
        assertThat(reset.delta()).map(UsageDelta::operatingHours).contains(0.0);
        assertThat(after.delta()).map(UsageDelta::operatingHours).contains(0.5);
    }

    @Test
    void fuelInAnotherUnitRestartsOnlyTheFuelBaseline() {
        CounterState before = new CounterState(T0, 100.0, null, 500.0, "L");

        CounterDeltas.Step step = CounterDeltas.next(before, T0 + FIVE_MINUTES, 100.5, null, 140.0, "gal");

        assertThat(step.delta()).contains(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.5, null, null, null));
        assertThat(step.state().fuelUnit()).isEqualTo("gal");
    }

    @Test
    void aMachineStandingStillYieldsAZeroDeltaSoTimeStillAdvances() {
        CounterState before = new CounterState(T0, 100.0, 10.0, null, null);

        assertThat(CounterDeltas.next(before, T0 + FIVE_MINUTES, 100.0, 10.0, null, null).delta())
                .contains(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.0, 0.0, null, null));
    }
}
