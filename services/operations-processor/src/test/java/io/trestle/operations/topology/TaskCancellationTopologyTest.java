package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.operations.service.ConflictRules;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.operations.ConflictStatus;
import io.trestle.schema.operations.ConflictType;
import io.trestle.schema.operations.ScheduleConflictChanged;

/** A cancelled task still holding equipment, across the project-keyed and asset-keyed inputs. */
class TaskCancellationTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture();

    @Test
    void aCancelledTaskWithBookingsOpensOneConflictPerReservationUntilItIsReleased() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 24, 48, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-2", "R-2", "P-1", "T-1", 24, 30, ReservationStatus.TENTATIVE);
        fixture.reserve("EX-3", "R-3", "P-1", "T-1", 24, 30, ReservationStatus.CANCELLED);
        fixture.reserve("EX-4", "R-4", "P-1", "T-2", 24, 30, ReservationStatus.CONFIRMED);
        assertThat(fixture.conflicts.isEmpty()).isTrue();

        fixture.cancelTask("P-1", "T-1");
        List<ScheduleConflictChanged> opened = fixture.conflicts.readValuesToList();
        assertThat(opened)
                .extracting(ScheduleConflictChanged::getConflictType, ScheduleConflictChanged::getStatus,
                        ScheduleConflictChanged::getAssetId, ScheduleConflictChanged::getReservationIds,
                        ScheduleConflictChanged::getTaskIds, ScheduleConflictChanged::getSeverity)
                .containsExactlyInAnyOrder(
                        tuple(ConflictType.CANCELLED_TASK_WITH_BOOKING, ConflictStatus.OPEN, "EX-1", List.of("R-1"),
                                List.of("T-1"), Severity.HIGH),
                        tuple(ConflictType.CANCELLED_TASK_WITH_BOOKING, ConflictStatus.OPEN, "EX-2", List.of("R-2"),
                                List.of("T-1"), Severity.MEDIUM));
        assertThat(opened).filteredOn(conflict -> conflict.getAssetId().equals("EX-1")).singleElement()
                .satisfies(conflict -> {
                    assertThat(conflict.getConflictId()).isEqualTo(ConflictRules
                            .conflictId(ConflictType.CANCELLED_TASK_WITH_BOOKING, "EX-1", "task:T-1", "R-1"));
                    assertThat(conflict.getOverlapStart()).isEqualTo(at(24));
                    assertThat(conflict.getMessage()).contains("T-1", "cancelled", "Scope removed", "R-1", "EX-1");
                });

        fixture.cancelTask("P-1", "T-1");
        assertThat(fixture.conflicts.isEmpty()).as("the same cancellation twice is one").isTrue();

        // R-1 released; R-2 moved to another task.
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 24, 48, ReservationStatus.CANCELLED);
        fixture.reserve("EX-2", "R-2", "P-1", "T-2", 24, 30, ReservationStatus.TENTATIVE);
        assertThat(fixture.conflicts.readValuesToList())
                .extracting(ScheduleConflictChanged::getAssetId, ScheduleConflictChanged::getStatus)
                .containsExactly(tuple("EX-1", ConflictStatus.RESOLVED), tuple("EX-2", ConflictStatus.RESOLVED));
    }

    @Test
    void equipmentBookedForATaskAfterItWasCancelledIsAConflict() {
        fixture.cancelTask("P-1", "T-1");
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 24, 48, ReservationStatus.CONFIRMED);

        assertThat(fixture.conflicts.readValuesToList())
                .extracting(ScheduleConflictChanged::getConflictType, ScheduleConflictChanged::getStatus)
                .containsExactly(tuple(ConflictType.CANCELLED_TASK_WITH_BOOKING, ConflictStatus.OPEN));
    }

    @Test
    void aForgottenReservationNoLongerHoldsTheCancelledTask() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 1, 2, ReservationStatus.CONFIRMED);
        fixture.cancelTask("P-1", "T-1");
        assertThat(fixture.conflicts.readValuesToList()).hasSize(1);

        fixture.advanceTo(27); // R-1 ended at hour 2, more than a day ago
        assertThat(fixture.conflicts.readValuesToList()).extracting(ScheduleConflictChanged::getStatus)
                .containsExactly(ConflictStatus.RESOLVED);
    }
}
