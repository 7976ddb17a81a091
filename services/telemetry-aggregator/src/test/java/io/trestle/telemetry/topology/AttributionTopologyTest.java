package io.trestle.telemetry.topology;

import static io.trestle.telemetry.topology.TopologyFixture.SETTINGS;
import static io.trestle.telemetry.topology.TopologyFixture.UNALLOCATED;
import static io.trestle.telemetry.topology.TopologyFixture.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.operations.UnallocatedReason;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.schema.operations.UnallocatedUsageStatus;
import io.trestle.telemetry.service.CostPostings;

/** Usage attributed through the reservations active at its time, and what happens without one. */
class AttributionTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture(SETTINGS);

    @Test
    void usageUnderAConfirmedReservationIsPostedOnItsProjectTaskAndCostCode() {
        fixture.reserve("EX-1", "R-1", "42", "7", "100", -60, 240, ReservationStatus.CONFIRMED, -120);
        workFiveMinutes("EX-1", 0, 10);
        fixture.reading("EX-1", 40, 10.1);

        List<TestRecord<String, CostPosting>> postings = fixture.postings.readRecordsToList();
        assertThat(postings).singleElement().satisfies(record -> {
            assertThat(record.key()).as("postings are keyed by project").isEqualTo("42");
            CostPosting posting = record.value();
            assertThat(posting.getProjectId()).isEqualTo("42");
            assertThat(posting.getTaskId()).isEqualTo("7");
            assertThat(posting.getCostCodeId()).isEqualTo("100");
            assertThat(posting.getOperatingHours()).isEqualTo(0.1);
            assertThat(posting.getAmount()).isEqualByComparingTo("8.00");
            assertThat(posting.getPostingId())
                    .isEqualTo(CostPostings.postingId("42", "100", "EX-1", window(0), window(1), 0));
        });
        assertThat(fixture.unallocated.isEmpty()).isTrue();
    }

    @Test
    void ofOverlappingReservationsTheOneThatStartedLastTakesTheMachineWhateverTheArrivalOrder() {
        fixture.reserve("EX-2", "R-B", "B", null, "CC-B", 5, 10, ReservationStatus.CONFIRMED, -10);
        fixture.reserve("EX-2", "R-A", "A", null, "CC-A", -60, 600, ReservationStatus.CONFIRMED, -5);
        workFiveMinutes("EX-2", 0, 15);
        fixture.reading("EX-2", 40, 10.15);

        assertThat(fixture.postings.readRecordsToList())
                .extracting(TestRecord::key, r -> r.value().getCostCodeId(), r -> r.value().getOperatingHours(),
                        r -> r.value().getAmount())
                .containsExactly(tuple("A", "CC-A", 0.1, new BigDecimal("8.00")),
                        tuple("B", "CC-B", 0.05, new BigDecimal("4.00")));
    }

    @Test
    void aCancelledReservationAttributesNothingAndAStaleUpdateDoesNotReviveIt() {
        fixture.reserve("EX-3", "R-1", "42", null, "100", -60, 240, ReservationStatus.CONFIRMED, -120);
        fixture.reserve("EX-3", "R-1", "42", null, "100", -60, 240, ReservationStatus.CANCELLED, -60);
        fixture.reserve("EX-3", "R-1", "42", null, "100", -60, 240, ReservationStatus.CONFIRMED, -90);
        fixture.reserve("EX-3", "R-2", "43", null, "101", -60, 240, ReservationStatus.TENTATIVE, -60);
        workFiveMinutes("EX-3", 0, 5);
        fixture.reading("EX-3", 40, 10.05);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getProjectId,
                CostPosting::getCostCodeId).containsExactly(tuple(null, UNALLOCATED));
    }

    @Test
    void usageWithoutAReservationIsPostedUnallocatedAndRaisesABusinessException() {
        workFiveMinutes("EX-4", 0, 5);
        fixture.reading("EX-4", 40, 10.05);

        List<TestRecord<String, CostPosting>> postings = fixture.postings.readRecordsToList();
        assertThat(postings).singleElement().satisfies(record -> {
            assertThat(record.key()).as("unallocated postings are keyed by asset").isEqualTo("EX-4");
            assertThat(record.value().getProjectId()).isNull();
            assertThat(record.value().getCostCodeId()).isEqualTo(UNALLOCATED);
            assertThat(record.value().getAmount()).isEqualByComparingTo("4.00");
        });
        String postingId = postings.get(0).value().getPostingId();
        assertThat(fixture.unallocated.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("EX-4");
            UnallocatedUsageChanged event = record.value();
            assertThat(event.getStatus()).isEqualTo(UnallocatedUsageStatus.OPEN);
            assertThat(event.getReason()).isEqualTo(UnallocatedReason.NO_RESERVATION);
            assertThat(event.getExceptionId()).isEqualTo(postingId);
            assertThat(event.getPostingId()).isEqualTo(postingId);
            assertThat(event.getRevision()).isZero();
            assertThat(event.getAssetId()).isEqualTo("EX-4");
            assertThat(event.getCostCodeId()).isEqualTo(UNALLOCATED);
            assertThat(event.getWindowStart()).isEqualTo(window(0));
            assertThat(event.getWindowEnd()).isEqualTo(window(1));
            assertThat(event.getOperatingHours()).isEqualTo(0.05);
            assertThat(event.getAmount()).isEqualByComparingTo("4.00");
            assertThat(event.getMessage()).contains("EX-4", "no confirmed reservation");
        });
        assertThat(fixture.quarantine.isEmpty()).as("unallocated usage is posted, not refused").isTrue();
    }

    @Test
    void aReservationWithoutCostCodeKeepsItsProjectOnTheUnallocatedCostCode() {
        fixture.reserve("EX-5", "R-1", "42", "7", null, -60, 240, ReservationStatus.CONFIRMED, -120);
        workFiveMinutes("EX-5", 0, 5);
        fixture.reading("EX-5", 40, 10.05);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getProjectId,
                CostPosting::getTaskId, CostPosting::getCostCodeId).containsExactly(tuple("42", "7", UNALLOCATED));
        assertThat(fixture.unallocated.readValuesToList()).extracting(UnallocatedUsageChanged::getReason,
                UnallocatedUsageChanged::getProjectId).containsExactly(tuple(UnallocatedReason.NO_COST_CODE, "42"));
    }

    @Test
    void aReservationArrivingAfterItsUsageButBeforeTheWindowClosesAttributesItStraightAway() {
        workFiveMinutes("EX-6", 0, 10);
        fixture.confirmed("EX-6", "R-1", "42", "100", -60, 240);
        fixture.reading("EX-6", 40, 10.1);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getCostCodeId,
                CostPosting::getRevision).containsExactly(tuple("100", 0));
        assertThat(fixture.unallocated.isEmpty()).isTrue();
    }

    @Test
    void aReservationArrivingAfterItsUsageWasPostedMovesTheUsageToItsProject() {
        workFiveMinutes("EX-6", 0, 5);
        fixture.reading("EX-6", 25, 10.05); // 08:25: window 08:00–08:15 posted as unallocated
        CostPosting unallocated = fixture.postings.readValue();
        assertThat(unallocated.getCostCodeId()).isEqualTo(UNALLOCATED);
        assertThat(fixture.unallocated.readValue().getStatus()).isEqualTo(UnallocatedUsageStatus.OPEN);

        fixture.confirmed("EX-6", "R-1", "42", "100", -60, 240);
        fixture.reading("EX-6", 29, 10.05);
        assertThat(fixture.postings.isEmpty()).as("the window is recomputed one grace period later").isTrue();
        fixture.reading("EX-6", 30, 10.05);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getCostCodeId, CostPosting::getRevision, CostPosting::getCorrectionOf,
                        CostPosting::getOperatingHours, CostPosting::getAmount)
                .containsExactlyInAnyOrder(
                        tuple(UNALLOCATED, 1, unallocated.getPostingId(), 0.0, new BigDecimal("0.00")),
                        tuple("100", 0, null, 0.05, new BigDecimal("4.00")));
        assertThat(fixture.unallocated.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getStatus()).isEqualTo(UnallocatedUsageStatus.RESOLVED);
            assertThat(event.getExceptionId()).isEqualTo(unallocated.getPostingId());
            assertThat(event.getRevision()).isEqualTo(1);
            assertThat(event.getAmount()).isEqualByComparingTo("0");
        });
    }

    @Test
    void aReservationCancelledAfterItsWindowWasPostedMovesTheUsageToUnallocated() {
        fixture.confirmed("EX-7", "R-1", "42", "100", -60, 240);
        workFiveMinutes("EX-7", 0, 5);
        fixture.reading("EX-7", 25, 10.05);
        CostPosting original = fixture.postings.readValue();

        fixture.reserve("EX-7", "R-1", "42", null, "100", -60, 240, ReservationStatus.CANCELLED, 26);
        fixture.reading("EX-7", 30, 10.05);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getCostCodeId, CostPosting::getRevision, CostPosting::getCorrectionOf,
                        CostPosting::getAmount)
                .containsExactlyInAnyOrder(tuple("100", 1, original.getPostingId(), new BigDecimal("0.00")),
                        tuple(UNALLOCATED, 0, null, new BigDecimal("4.00")));
        assertThat(fixture.unallocated.readValuesToList()).extracting(UnallocatedUsageChanged::getStatus)
                .containsExactly(UnallocatedUsageStatus.OPEN);
    }

    @Test
    void aReservationRepublishedUnchangedCorrectsNothing() {
        fixture.confirmed("EX-7", "R-1", "42", "100", -60, 240);
        workFiveMinutes("EX-7", 0, 5);
        fixture.reading("EX-7", 25, 10.05);
        fixture.postings.readValue();

        fixture.reserve("EX-7", "R-1", "42", null, "100", -60, 240, ReservationStatus.CONFIRMED, 26);
        fixture.reserve("EX-7", "R-1", "42", null, "100", -60, 240, ReservationStatus.COMPLETED, 27);
        fixture.reading("EX-7", 40, 10.05);

        assertThat(fixture.postings.isEmpty()).isTrue();
    }

    @Test
    void aReservationEndingBeforeItStartsIsQuarantinedAndAttributesNothing() {
        fixture.reserve("EX-8", "R-1", "42", null, "100", 240, -60, ReservationStatus.CONFIRMED, -120);
        workFiveMinutes("EX-8", 0, 5);
        fixture.reading("EX-8", 40, 10.05);

        assertThat(fixture.quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("INCONSISTENT_DATES");
            assertThat(entry.getSourceTopic()).isEqualTo(SETTINGS.topics().reservations());
            assertThat(entry.getPayloadText()).contains("R-1");
        });
        assertThat(fixture.postings.readValue().getCostCodeId()).isEqualTo(UNALLOCATED);
    }

    /** Readings every five minutes from {@code from} to {@code to}, starting at 10 h and adding 0.05 h each. */
    private void workFiveMinutes(String assetId, int from, int to) {
        for (int minute = from; minute <= to; minute += 5) {
            fixture.reading(assetId, minute, 10.0 + (minute - from) / 100.0);
        }
    }
}
