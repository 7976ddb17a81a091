package io.trestle.telemetry.topology;

import static io.trestle.telemetry.topology.TopologyFixture.SETTINGS;
import static io.trestle.telemetry.topology.TopologyFixture.T0;
import static io.trestle.telemetry.topology.TopologyFixture.at;
import static io.trestle.telemetry.topology.TopologyFixture.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.telemetry.service.CostPostings;
import io.trestle.telemetry.service.CounterDeltas;
import io.trestle.telemetry.service.PricingRules;

/** Counters into windows: duplicates, order, resets, gaps, and when a window's posting is emitted. */
class UsageTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture(SETTINGS);

    @Test
    void aWindowIsPostedWhenStreamTimePassesItsEndPlusGrace() {
        fixture.reading("EX-1", 0, 100.00, null, 5000.0);
        fixture.reading("EX-1", 5, 100.10, null, 5003.0);
        fixture.reading("EX-1", 10, 100.20, null, 5006.0);
        fixture.reading("EX-1", 15, 100.25, null, 5007.5); // 08:15, the first window ends
        fixture.reading("EX-1", 19, 100.25, null, 5007.5);

        assertThat(fixture.postings.isEmpty()).as("window 08:00–08:15 is still within its grace period").isTrue();

        fixture.reading("EX-1", 20, 100.25, null, 5007.5); // 08:20 = 08:15 + 5 min grace
        List<CostPosting> emitted = fixture.postings.readValuesToList();

        assertThat(emitted).hasSize(1);
        CostPosting posting = emitted.get(0);
        assertThat(posting.getAssetId()).isEqualTo("EX-1");
        assertThat(posting.getWindowStart()).isEqualTo(T0);
        assertThat(posting.getWindowEnd()).isEqualTo(window(1));
        assertThat(posting.getOperatingHours()).isCloseTo(0.25, within(1e-9));
        assertThat(posting.getAmount()).isEqualByComparingTo("20.00");
        assertThat(posting.getHourlyRate()).isEqualByComparingTo("80.00");
        assertThat(posting.getCurrency()).isEqualTo("EUR");
        assertThat(posting.getFuelUsed().getValue()).isCloseTo(7.5, within(1e-9));
        assertThat(posting.getRevision()).isZero();
        assertThat(posting.getCorrectionOf()).isNull();
    }

    @Test
    void usageBetweenReadingsInDifferentWindowsIsSplitByTime() {
        fixture.reading("CRANE-7", 10, 10.0);
        fixture.reading("CRANE-7", 20, 10.1); // 0.05 h before 08:15, 0.05 h after
        fixture.reading("CRANE-7", 60, 10.1); // 09:00 closes both windows

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getWindowStart, CostPosting::getAmount)
                .containsExactly(tuple(window(0), new BigDecimal("12.00")), tuple(window(1), new BigDecimal("12.00")));
    }

    @Test
    void repeatedReadingsAreNotCountedTwice() {
        fixture.reading("EX-2", 0, 50.0);
        fixture.reading("EX-2", 5, 50.05);
        fixture.reading("EX-2", 5, 50.05); // the same reading again
        fixture.reading("EX-2", 5, 50.07); // the same reading time, other counters: the first one counts
        fixture.reading("EX-2", 0, 50.0); // an older one, late
        fixture.reading("EX-2", 10, 50.05);
        fixture.reading("EX-2", 40, 50.05);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("4.00"));
        assertThat(fixture.quarantine.isEmpty()).isTrue();
    }

    @Test
    void aReadingArrivingOutOfOrderWithinTheHorizonPutsItsUsageInItsOwnWindow() {
        fixture.reading("EX-3", 0, 10.0);
        fixture.reading("EX-3", 18, 10.3); // alone, it would spread 0.25 h before 08:15 and 0.05 h after
        fixture.reading("EX-3", 15, 10.3); // but the machine had stopped at 08:15
        fixture.reading("EX-3", 40, 10.3);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getWindowStart, CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactly(tuple(window(0), 0.3, new BigDecimal("24.00")));
        assertThat(fixture.quarantine.isEmpty()).isTrue();
    }

    @Test
    void anOutOfOrderReadingThatContradictsItsNeighboursIsFlaggedAndChangesNothing() {
        fixture.reading("EX-3", 0, 10.0);
        fixture.reading("EX-3", 10, 10.1);
        fixture.reading("EX-3", 5, 9.9); // lower than the reading before it
        fixture.reading("EX-3", 40, 10.1);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getOperatingHours)
                .containsExactly(0.1);
        assertThat(fixture.quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("COUNTER_WENT_BACKWARDS");
            assertThat(entry.getMessage()).contains("arrived out of order", "does not fit");
        });
    }

    @Test
    void aReadingOlderThanTheHorizonChangesNothingBecauseItsUsageIsAlreadyCharged() {
        for (int minute = 0; minute <= 60; minute += 5) {
            fixture.reading("EX-4", minute, 10.0 + minute / 100.0);
        }
        fixture.reading("EX-4", 2, 10.0); // 58 minutes behind, beyond the 30-minute horizon
        fixture.reading("EX-4", 90, 10.6);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getOperatingHours)
                .containsExactly(0.15, 0.15, 0.15, 0.15);
        assertThat(fixture.quarantine.isEmpty()).isTrue();
    }

    @Test
    void aCounterResetNeverProducesNegativeCostAndIsFlaggedForReview() {
        fixture.reading("EX-3", 0, 9000.0);
        fixture.reading("EX-3", 5, 9000.05);
        fixture.reading("EX-3", 10, 3.0); // hour meter replaced by one showing 3 h: more than 5 minutes allow
        fixture.reading("EX-3", 15, 3.05);
        fixture.reading("EX-3", 40, 3.05);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactly(tuple(0.1, new BigDecimal("8.00")));
        assertThat(fixture.quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("COUNTER_WENT_BACKWARDS");
            assertThat(entry.getMessage()).contains("9000.05", "3.0", "nothing charged");
            assertThat(entry.getPayloadText()).contains("\"assetId\": \"EX-3\"");
            assertThat(entry.getDetectedBy()).isEqualTo("telemetry-aggregator");
            assertThat(entry.getSourceTopic()).isEqualTo(SETTINGS.topics().telemetry());
        });
    }

    @Test
    void aCounterResetToZeroChargesTheUsageSinceTheResetAndIsFlagged() {
        fixture.reading("EX-3", 0, 9000.0);
        fixture.reading("EX-3", 5, 0.04); // the ECU restarted its counter within these five minutes
        fixture.reading("EX-3", 10, 0.09);
        fixture.reading("EX-3", 40, 0.09);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getOperatingHours)
                .containsExactly(0.09);
        assertThat(fixture.quarantine.readValuesToList()).extracting(QuarantinedEvent::getReasonCode)
                .containsExactly("COUNTER_WENT_BACKWARDS");
    }

    @Test
    void aMeterJumpingFurtherThanTheElapsedTimeIsQuarantinedNotCharged() {
        fixture.reading("EX-6", 0, 3.0);
        fixture.reading("EX-6", 5, 9000.0); // 8997 h in five minutes: a replaced meter or a bad value
        fixture.reading("EX-6", 10, 9000.05);
        fixture.reading("EX-6", 40, 9000.05);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("4.00"));
        assertThat(fixture.quarantine.readValuesToList()).extracting(QuarantinedEvent::getReasonCode)
                .containsExactly("VALUE_OUT_OF_RANGE");
    }

    @Test
    void usageAcrossAGapUpToTheMaximumIsSpreadEvenlyOverTheWindowsOfTheGap() {
        fixture.reading("EX-5", 0, 10.0);
        fixture.reading("EX-5", 60, 11.0); // no reading for an hour: 1 h of use, a quarter per window
        fixture.reading("EX-5", 90, 11.0);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getWindowStart, CostPosting::getOperatingHours)
                .containsExactly(tuple(window(0), 0.25), tuple(window(1), 0.25), tuple(window(2), 0.25),
                        tuple(window(3), 0.25));
    }

    @Test
    void usageAcrossALongerGapIsFlaggedWithItsHoursAndNotAttributedToAnyWindow() {
        fixture.reading("EX-5", 0, 10.0);
        fixture.reading("EX-5", 7 * 60, 13.0); // seven hours later, beyond the six-hour maximum
        fixture.reading("EX-5", 7 * 60 + 5, 13.05);
        fixture.reading("EX-5", 8 * 60, 13.05);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getWindowStart, CostPosting::getOperatingHours)
                .containsExactly(tuple(window(28), 0.05));
        assertThat(fixture.quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("READING_GAP_TOO_LONG");
            assertThat(entry.getMessage()).contains("PT7H", "3.000 operating hours");
        });
    }

    @Test
    void aDeviceClockRunningFastCannotCloseOtherMachinesWindows() {
        fixture.reading("EX-9", 0, 50.0);
        fixture.reading("EX-9", 5, 50.05);
        // FAST-1's clock says 09:00 and 09:05, but Kafka received the readings at 08:06 and 08:07.
        fixture.reading("FAST-1", at(60), at(6), 7.0);
        fixture.reading("FAST-1", at(65), at(7), 7.01);
        fixture.reading("EX-9", 10, 50.1);
        fixture.reading("EX-9", 40, 50.1);

        assertThat(fixture.quarantine.isEmpty()).isTrue();
        assertThat(fixture.postings.readValuesToList()).filteredOn(p -> p.getAssetId().equals("EX-9"))
                .extracting(CostPosting::getAmount)
                .containsExactly(new BigDecimal("8.00"));
    }

    @Test
    void windowsOfAMachineThatStoodStillAreNotPosted() {
        fixture.reading("EX-4", 0, 42.0);
        fixture.reading("EX-4", 5, 42.0);
        fixture.reading("EX-4", 40, 42.0);

        assertThat(fixture.postings.isEmpty()).isTrue();
    }

    @Test
    void postingIdsAreStableWhenTheSameInputIsProcessedAgain() {
        fixture.reading("EX-5", 0, 1.0);
        fixture.reading("EX-5", 5, 1.05);
        fixture.reading("EX-5", 40, 1.05);
        CostPosting firstRun = fixture.postings.readValue();
        CostPosting secondRun;
        try (TopologyFixture again = new TopologyFixture(SETTINGS,
                Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC))) {
            again.reading("EX-5", 0, 1.0);
            again.reading("EX-5", 5, 1.05);
            again.reading("EX-5", 40, 1.05);
            secondRun = again.postings.readValue();
        }
        assertThat(secondRun.getPostingId()).isEqualTo(firstRun.getPostingId());
        assertThat(secondRun.getMetadata().getEventId()).isEqualTo(firstRun.getMetadata().getEventId());
        assertThat(secondRun.getPostingId()).isEqualTo(CostPostings.postingId(null,
                TopologyFixture.UNALLOCATED, "EX-5", window(0), window(1), 0));
    }

    @Test
    void everyStoreAndOperatorIsNamedSoStateSurvivesTopologyChanges() {
        assertThat(fixture.topology.describe().toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(fixture.driver.getAllStateStores()).containsKeys(UsageTopology.READINGS_STORE,
                UsageTopology.USAGE_STORE, UsageTopology.POSTED_STORE, UsageTopology.RESERVATION_STORE,
                UsageTopology.DEADLINE_STORE, UsageTopology.STREAM_TIME_STORE, UsageTopology.RATES_STORE);
    }

    @Test
    void invalidSettingsStopTheServiceAtStart() {
        assertThatThrownBy(() -> TopologyFixture.withPricing(pricing("EUR", new BigDecimal("-5"), BigDecimal.ONE)))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> TopologyFixture.withPricing(pricing("EURO", BigDecimal.TEN, BigDecimal.ONE)))
                .hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> TopologyFixture.withPricing(pricing("EUR", BigDecimal.TEN, new BigDecimal("-1"))))
                .hasMessageContaining("idle rate factor");
        assertThatThrownBy(() -> new AggregatorSettings(SETTINGS.topics(),
                new AggregatorSettings.Windows(Duration.ZERO, Duration.ofMinutes(5), Duration.ofDays(1)),
                SETTINGS.counterRules(), SETTINGS.pricing(), SETTINGS.analyticsRetention()))
                .hasMessageContaining("window size");
        assertThatThrownBy(() -> new AggregatorSettings(SETTINGS.topics(), SETTINGS.windows(),
                new CounterDeltas.Rules(Duration.ofHours(6), 0.1, Duration.ofMinutes(-30)), SETTINGS.pricing(),
                SETTINGS.analyticsRetention())).hasMessageContaining("reorder horizon");
    }

    private static PricingRules pricing(String currency, BigDecimal defaultRate, BigDecimal idleFactor) {
        return new PricingRules(currency, defaultRate, Map.of(), idleFactor, Optional.empty(), "U");
    }
}
