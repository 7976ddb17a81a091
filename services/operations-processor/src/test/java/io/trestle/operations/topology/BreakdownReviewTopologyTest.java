package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.schedule.ReviewReason;
import io.trestle.schema.schedule.ScheduleReviewRequested;

/** A breakdown asks each project relying on the asset to review its tasks, once. */
class BreakdownReviewTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture();

    @Test
    void aBreakdownRequestsAReviewPerProjectOfTheTasksHoldingTheAssetAfterIt() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -2, 4, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-1", "T-2", 24, 30, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-3", "P-2", "T-7", 48, 50, ReservationStatus.TENTATIVE);
        fixture.reserve("EX-1", "R-4", "P-3", "T-8", -10, -5, ReservationStatus.CONFIRMED); // over before
        fixture.reserve("EX-1", "R-5", "P-4", "T-9", 24, 30, ReservationStatus.CANCELLED);
        fixture.reserve("EX-1", "R-6", "P-5", null, 24, 30, ReservationStatus.CONFIRMED); // no task to review
        fixture.reserve("EX-2", "R-7", "P-6", "T-1", 0, 30, ReservationStatus.CONFIRMED); // another asset

        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);

        List<TestRecord<String, ScheduleReviewRequested>> reviews = fixture.reviews.readRecordsToList();
        assertThat(reviews).extracting(TestRecord::key).containsExactly("P-1", "P-2");
        ScheduleReviewRequested first = reviews.get(0).value();
        assertThat(first.getTaskIds()).containsExactly("T-1", "T-2");
        assertThat(first.getAssetId()).isEqualTo("EX-1");
        assertThat(first.getReason()).isEqualTo(ReviewReason.ASSET_BREAKDOWN);
        assertThat(first.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(first.getAffectedStart()).isEqualTo(at(0));
        assertThat(first.getAffectedEnd()).isNull();
        assertThat(first.getMessage()).contains("EX-1", "1569-31", "T-1", "T-2");
        assertThat(first.getMetadata().getEventId().toString()).isEqualTo(first.getReviewRequestId());
        assertThat(reviews.get(1).value().getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(reviews.get(1).value().getAffectedStart()).isEqualTo(at(48));

        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        assertThat(fixture.reviews.isEmpty()).as("the same breakdown raised again asks nothing more").isTrue();
    }

    @Test
    void aBreakdownOfAnAssetNobodyNeedsRequestsNoReview() {
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        assertThat(fixture.reviews.isEmpty()).isTrue();
    }
}
