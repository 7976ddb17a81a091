package io.trestle.telemetry.topology;

import static io.trestle.telemetry.topology.TopologyFixture.SETTINGS;
import static io.trestle.telemetry.topology.TopologyFixture.UNALLOCATED;
import static io.trestle.telemetry.topology.TopologyFixture.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.telemetry.service.CostPostings;

/** Usage that arrives after its window was posted: corrections within the retention, quarantine beyond it. */
class CorrectionTopologyTest {

    private TopologyFixture fixture;

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void lateReadingsCorrectAPostedWindowWithItsTotalsAndEveryCorrectionNamesTheOriginal() {
        fixture = new TopologyFixture(SETTINGS);
        fixture.reading("EX-7", 0, 10.0);
        fixture.reading("EX-7", 5, 10.05);
        neighbourUntil(25); // stream time 08:25: window 08:00–08:15 is posted
        CostPosting original = fixture.postings.readValue();
        assertThat(original.getOperatingHours()).isEqualTo(0.05);

        fixture.reading("EX-7", 10, 10.1); // EX-7's next reading arrives late
        neighbourUntil(30);
        fixture.reading("EX-7", 14, 10.15); // and the one after, later still
        neighbourUntil(35);

        List<CostPosting> corrections = fixture.postings.readValuesToList();
        assertThat(corrections)
                .extracting(CostPosting::getRevision, CostPosting::getCorrectionOf, CostPosting::getOperatingHours,
                        CostPosting::getAmount, CostPosting::getPostingId)
                .containsExactly(
                        tuple(1, original.getPostingId(), 0.1, new BigDecimal("8.00"), id("EX-7", 1)),
                        tuple(2, original.getPostingId(), 0.15, new BigDecimal("12.00"), id("EX-7", 2)));
        assertThat(original.getPostingId()).isEqualTo(id("EX-7", 0));
        assertThat(fixture.unallocated.readValuesToList()).extracting(UnallocatedUsageChanged::getRevision,
                UnallocatedUsageChanged::getExceptionId, UnallocatedUsageChanged::getOperatingHours)
                .containsExactly(tuple(0, original.getPostingId(), 0.05), tuple(1, original.getPostingId(), 0.1),
                        tuple(2, original.getPostingId(), 0.15));
        assertThat(fixture.quarantine.isEmpty()).isTrue();
    }

    @Test
    void aBurstOfLateReadingsBecomesOneCorrection() {
        fixture = new TopologyFixture(SETTINGS);
        fixture.reading("EX-7", 0, 10.0);
        fixture.reading("EX-7", 5, 10.05);
        neighbourUntil(25);
        fixture.postings.readValue();

        fixture.reading("EX-7", 10, 10.1);
        fixture.reading("EX-7", 14, 10.15);
        neighbourUntil(30);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getRevision,
                CostPosting::getOperatingHours).containsExactly(tuple(1, 0.15));
    }

    @Test
    void aRarelyReportingMachineStillGetsItsWindowsPostedWhenItsReadingComesAfterTheyClosed() {
        fixture = new TopologyFixture(SETTINGS);
        fixture.reading("EX-7", 0, 10.0);
        neighbourUntil(40); // EX-8 moves stream time to 08:40
        fixture.reading("EX-7", 40, 10.4); // EX-7 reports again: 0.15 h fall into each of two windows closed by now
        neighbourUntil(45);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getAssetId, CostPosting::getWindowStart, CostPosting::getOperatingHours,
                        CostPosting::getRevision)
                .containsExactly(tuple("EX-7", window(0), 0.15, 0), tuple("EX-7", window(1), 0.15, 0));
        assertThat(fixture.quarantine.isEmpty()).isTrue();
    }

    @Test
    void usageArrivingAfterTheCorrectionRetentionIsQuarantinedNotCharged() {
        fixture = new TopologyFixture(TopologyFixture.withCorrectionRetention(Duration.ofMinutes(30)));
        fixture.reading("EX-7", 0, 10.0);
        neighbourUntil(60); // window 08:00–08:15 could be corrected until 08:50
        fixture.reading("EX-7", 5, 10.05);
        neighbourUntil(70);

        assertThat(fixture.postings.isEmpty()).isTrue();
        assertThat(fixture.quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("USAGE_AFTER_WINDOW_CLOSED");
            assertThat(entry.getMessage()).contains("0.0500 operating hours", "EX-7", "PT30M");
            assertThat(entry.getPayloadText()).contains("\"assetId\":\"EX-7\"");
        });
    }

    @Test
    void aWindowIsForgottenOnlyAfterItsPendingCorrectionIsPosted() {
        fixture = new TopologyFixture(TopologyFixture.withCorrectionRetention(Duration.ofMinutes(30)));
        fixture.reading("EX-7", 0, 10.0);
        fixture.reading("EX-7", 5, 10.05);
        neighbourUntil(48);
        fixture.reading("EX-7", 10, 10.1); // late, but before 08:50: due at 08:53, after the window expires
        neighbourUntil(60);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getRevision,
                CostPosting::getOperatingHours).containsExactly(tuple(0, 0.05), tuple(1, 0.1));
        assertThat(fixture.driver.<String, Object>getKeyValueStore(UsageTopology.USAGE_STORE).approximateNumEntries())
                .isZero();
    }

    private static String id(String assetId, int revision) {
        return CostPostings.postingId(null, UNALLOCATED, assetId, window(0), window(1), revision);
    }

    /** Another machine's readings, standing still, every minute up to {@code minute}: they move stream time. */
    private void neighbourUntil(int minute) {
        for (int m = Math.max(0, minute - 5); m <= minute; m++) {
            fixture.reading("EX-8", m, 1.0);
        }
    }
}
