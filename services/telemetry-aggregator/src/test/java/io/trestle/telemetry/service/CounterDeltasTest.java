package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.telemetry.domain.CounterReading;
import io.trestle.telemetry.domain.RecentReadings;
import io.trestle.telemetry.domain.UsageDelta;
import io.trestle.telemetry.domain.UsageRevision;

class CounterDeltasTest {

    private static final long T0 = 1_000_000L;
    private static final long FIVE_MINUTES = 300_000L;
    private static final CounterDeltas.Rules RULES = new CounterDeltas.Rules(Duration.ofHours(6), 0.1,
            Duration.ofMinutes(30));

    @Test
    void firstReadingOnlySetsTheBaseline() {
        CounterReading first = new CounterReading(T0, 100.0, 10.0, 500.0, "L");

        CounterDeltas.Step step = CounterDeltas.next(RULES, RecentReadings.NONE, first);

        assertThat(step.revision().usage()).isEmpty();
        assertThat(step.anomalies()).isEmpty();
        assertThat(step.readings().readings()).containsExactly(first);
    }

    @Test
    void usageIsTheIncreaseOfEachCounterSinceTheLastReading() {
        CounterReading before = new CounterReading(T0, 100.0, 10.0, 500.0, "L");

        CounterDeltas.Delta delta = CounterDeltas.between(RULES, before,
                new CounterReading(T0 + FIVE_MINUTES, 100.125, 10.05, 507.5, "L"));

        assertThat(delta.usage()).contains(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.125, 10.05 - 10.0, 7.5, "L"));
        assertThat(delta.anomaly()).isEmpty();
    }

    @Test
    void countersAReadingLacksAreCarriedOverAsTheNextBaseline() {
        CounterReading before = new CounterReading(T0, 100.0, 10.0, 500.0, "L");

        CounterDeltas.Delta delta = CounterDeltas.between(RULES, before,
                new CounterReading(T0 + FIVE_MINUTES, 100.1, null, null, null));

        assertThat(delta.later()).isEqualTo(new CounterReading(T0 + FIVE_MINUTES, 100.1, 10.0, 500.0, "L"));
        assertThat(delta.usage().orElseThrow().idleHours()).isNull();
    }

    @Test
    void aRepeatedReadingYieldsNothingAndKeepsTheReadings() {
        RecentReadings history = RecentReadings.NONE.with(new CounterReading(T0, 100.0, null, null, null));

        CounterDeltas.Step repeat = CounterDeltas.next(RULES, history, new CounterReading(T0, 100.5, null, null, null));

        assertThat(repeat.revision().usage()).isEmpty();
        assertThat(repeat.readings()).isSameAs(history);
    }

    @Test
    void aLateReadingBetweenTwoOthersReplacesTheUsageBetweenThem() {
        RecentReadings history = RecentReadings.NONE
                .with(new CounterReading(T0, 100.0, null, null, null))
                .with(new CounterReading(T0 + 2 * FIVE_MINUTES, 100.1, null, null, null));

        CounterDeltas.Step step = CounterDeltas.next(RULES, history,
                new CounterReading(T0 + FIVE_MINUTES, 100.08, null, null, null));

        UsageRevision revision = step.revision();
        assertThat(revision.from()).isEqualTo(T0);
        assertThat(revision.to()).isEqualTo(T0 + 2 * FIVE_MINUTES);
        assertThat(revision.usage()).extracting(UsageDelta::from).containsExactly(T0, T0 + FIVE_MINUTES);
        assertThat(revision.usage().get(0).operatingHours()).isCloseTo(0.08, within(1e-9));
        assertThat(revision.usage().get(1).operatingHours()).isCloseTo(0.02, within(1e-9));
        assertThat(step.readings().readings()).hasSize(3);
    }

    @Test
    void aLateReadingBeforeTheFirstOneOfANewAssetAddsTheUsageUpToIt() {
        RecentReadings history = RecentReadings.NONE.with(new CounterReading(T0, 100.0, null, null, null));

        CounterDeltas.Step step = CounterDeltas.next(RULES, history,
                new CounterReading(T0 - FIVE_MINUTES, 99.95, null, null, null));

        assertThat(step.revision().usage()).singleElement()
                .satisfies(usage -> assertThat(usage.operatingHours()).isCloseTo(0.05, within(1e-9)));
    }

    @Test
    void readingsBeyondTheHorizonAreDroppedButTheirLatestStaysAsNeighbour() {
        RecentReadings history = RecentReadings.NONE;
        for (int i = 0; i <= 12; i++) {
            history = CounterDeltas.next(RULES, history,
                    new CounterReading(T0 + i * FIVE_MINUTES, 100.0 + i * 0.05, null, null, null)).readings();
        }

        assertThat(history.truncated()).isTrue();
        assertThat(history.readings()).extracting(CounterReading::readingTime)
                .containsExactly(T0 + 6 * FIVE_MINUTES, T0 + 7 * FIVE_MINUTES, T0 + 8 * FIVE_MINUTES,
                        T0 + 9 * FIVE_MINUTES, T0 + 10 * FIVE_MINUTES, T0 + 11 * FIVE_MINUTES,
                        T0 + 12 * FIVE_MINUTES);
        assertThat(CounterDeltas.next(RULES, history, new CounterReading(T0 + FIVE_MINUTES, 100.05, null, null, null))
                .revision().usage()).isEmpty();
    }

    @Test
    void aCounterRunningBackwardsFurtherThanTimeAllowsIsFlaggedChargesNothingAndRestartsTheBaseline() {
        RecentReadings history = RecentReadings.NONE.with(new CounterReading(T0, 5000.0, null, null, null));

        CounterDeltas.Step reset = CounterDeltas.next(RULES, history,
                new CounterReading(T0 + FIVE_MINUTES, 2.0, null, null, null));
        CounterDeltas.Step after = CounterDeltas.next(RULES, reset.readings(),
                new CounterReading(T0 + 2 * FIVE_MINUTES, 2.05, null, null, null));

        assertThat(reset.anomalies()).extracting(CounterDeltas.Anomaly::reasonCode)
                .containsExactly("COUNTER_WENT_BACKWARDS");
        assertThat(reset.revision().usage()).extracting(UsageDelta::operatingHours).containsExactly(0.0);
        assertThat(after.anomalies()).isEmpty();
        assertThat(after.revision().usage().get(0).operatingHours()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aCounterRestartedFromZeroChargesTheHoursSinceTheReset() {
        CounterDeltas.Delta delta = CounterDeltas.between(RULES, new CounterReading(T0, 5000.0, 800.0, null, null),
                new CounterReading(T0 + FIVE_MINUTES, 0.06, 0.01, null, null));

        assertThat(delta.usage().orElseThrow().operatingHours()).isEqualTo(0.06);
        assertThat(delta.usage().orElseThrow().idleHours()).isEqualTo(0.01);
        assertThat(delta.anomaly()).map(CounterDeltas.Anomaly::message).get().asString()
                .contains("reset to zero");
    }

    @Test
    void aRiseBeyondTheElapsedTimeIsFlaggedAndNotCharged() {
        CounterDeltas.Delta jump = CounterDeltas.between(RULES, new CounterReading(T0, 3.0, null, null, null),
                new CounterReading(T0 + FIVE_MINUTES, 9000.0, null, null, null));

        assertThat(jump.anomaly()).map(CounterDeltas.Anomaly::reasonCode).contains("VALUE_OUT_OF_RANGE");
        assertThat(jump.usage()).map(UsageDelta::operatingHours).contains(0.0);
        assertThat(jump.later().operatingHours()).isEqualTo(9000.0);
    }

    @Test
    void aRiseWithinTheMeterResolutionIsCharged() {
        CounterDeltas.Delta delta = CounterDeltas.between(RULES, new CounterReading(T0, 3.0, null, null, null),
                new CounterReading(T0 + FIVE_MINUTES, 3.18, null, null, null));

        assertThat(delta.anomaly()).isEmpty();
        assertThat(delta.usage().orElseThrow().operatingHours()).isCloseTo(0.18, within(1e-9));
    }

    @Test
    void usageAcrossAGapLongerThanAllowedIsFlaggedAndNotSpread() {
        long aWeekLater = T0 + Duration.ofDays(7).toMillis();

        CounterDeltas.Delta delta = CounterDeltas.between(RULES, new CounterReading(T0, 100.0, null, null, null),
                new CounterReading(aWeekLater, 130.0, null, null, null));

        assertThat(delta.anomaly()).map(CounterDeltas.Anomaly::reasonCode).contains("READING_GAP_TOO_LONG");
        assertThat(delta.usage()).isEmpty();
        assertThat(delta.later().readingTime()).isEqualTo(aWeekLater);
    }

    @Test
    void fuelInAnotherUnitRestartsOnlyTheFuelBaseline() {
        CounterDeltas.Delta delta = CounterDeltas.between(RULES, new CounterReading(T0, 100.0, null, 500.0, "L"),
                new CounterReading(T0 + FIVE_MINUTES, 100.05, null, 140.0, "gal"));

        assertThat(delta.usage().orElseThrow().fuelUsed()).isNull();
        assertThat(delta.later().fuelUnit()).isEqualTo("gal");
    }

    @Test
    void aMachineStandingStillYieldsZeroUsage() {
        RecentReadings history = RecentReadings.NONE.with(new CounterReading(T0, 100.0, 10.0, null, null));

        CounterDeltas.Step step = CounterDeltas.next(RULES, history,
                new CounterReading(T0 + FIVE_MINUTES, 100.0, 10.0, null, null));

        assertThat(step.revision().usage()).containsExactly(new UsageDelta(T0, T0 + FIVE_MINUTES, 0.0, 0.0, null,
                null));
        assertThat(step.anomalies()).isEqualTo(List.of());
    }
}
