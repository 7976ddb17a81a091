package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.operations.service.ConflictRules;
import io.trestle.operations.service.OperationsEvents;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderStatus;
import io.trestle.schema.operations.ConflictStatus;
import io.trestle.schema.operations.ConflictType;
import io.trestle.schema.operations.ScheduleConflictChanged;

/** Double bookings, breakdowns and maintenance during reservations: opened once, updated, and resolved. */
class ConflictTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture();

    @Test
    void overlappingReservationsOpenOneConflictWithBothSidesUntilOneMoves() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 24, 48, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-2", "T-9", 40, 60, ReservationStatus.CONFIRMED);

        List<ScheduleConflictChanged> opened = fixture.conflicts.readValuesToList();
        String conflictId = ConflictRules.conflictId(ConflictType.DOUBLE_BOOKED_ASSET, "EX-1", "R-1", "R-2");
        assertThat(opened).singleElement().satisfies(conflict -> {
            assertThat(conflict.getConflictId()).isEqualTo(conflictId);
            assertThat(conflict.getConflictType()).isEqualTo(ConflictType.DOUBLE_BOOKED_ASSET);
            assertThat(conflict.getStatus()).isEqualTo(ConflictStatus.OPEN);
            assertThat(conflict.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(conflict.getAssetId()).isEqualTo("EX-1");
            assertThat(conflict.getReservationIds()).containsExactly("R-1", "R-2");
            assertThat(conflict.getProjectIds()).containsExactly("P-1", "P-2");
            assertThat(conflict.getTaskIds()).containsExactly("T-1", "T-9");
            assertThat(conflict.getOverlapStart()).isEqualTo(at(40));
            assertThat(conflict.getOverlapEnd()).isEqualTo(at(48));
            assertThat(conflict.getMetadata().getSourceSystem()).isEqualTo(OperationsEvents.SOURCE_SYSTEM);
            assertThat(conflict.getMessage()).contains("EX-1", "R-1", "R-2");
        });

        // The same reservation again changes nothing; a shorter overlap updates the open conflict under its id.
        fixture.reserve("EX-1", "R-2", "P-2", "T-9", 40, 60, ReservationStatus.CONFIRMED);
        assertThat(fixture.conflicts.isEmpty()).isTrue();
        fixture.reserve("EX-1", "R-2", "P-2", "T-9", 44, 60, ReservationStatus.CONFIRMED);
        assertThat(fixture.conflicts.readKeyValuesToList()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(conflictId);
            assertThat(record.value.getStatus()).isEqualTo(ConflictStatus.OPEN);
            assertThat(record.value.getOverlapStart()).isEqualTo(at(44));
        });

        fixture.reserve("EX-1", "R-2", "P-2", "T-9", 48, 60, ReservationStatus.CONFIRMED);
        assertThat(fixture.conflicts.readKeyValuesToList()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(conflictId);
            assertThat(record.value.getStatus()).isEqualTo(ConflictStatus.RESOLVED);
        });
    }

    @Test
    void aCancelledReservationResolvesItsDoubleBookingAndTentativeOnesAreLessUrgent() {
        fixture.reserve("EX-1", "R-1", "P-1", null, 24, 48, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-1", null, 30, 36, ReservationStatus.TENTATIVE);
        fixture.reserve("EX-2", "R-3", "P-1", null, 30, 36, ReservationStatus.CONFIRMED);

        assertThat(fixture.conflicts.readValuesToList())
                .extracting(ScheduleConflictChanged::getStatus, ScheduleConflictChanged::getSeverity,
                        ScheduleConflictChanged::getProjectIds)
                .containsExactly(tuple(ConflictStatus.OPEN, Severity.MEDIUM, List.of("P-1")));

        fixture.reserve("EX-1", "R-2", "P-1", null, 30, 36, ReservationStatus.CANCELLED);
        assertThat(fixture.conflicts.readValuesToList()).extracting(ScheduleConflictChanged::getStatus)
                .containsExactly(ConflictStatus.RESOLVED);
    }

    @Test
    void aStaleReservationUpdateDoesNotReviveACancelledBooking() {
        fixture.reserve("EX-1", "R-1", "P-1", null, 24, 48, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-2", null, 30, 36, ReservationStatus.CANCELLED, 0);
        fixture.reserve("EX-1", "R-2", "P-2", null, 30, 36, ReservationStatus.CONFIRMED, -1);

        assertThat(fixture.conflicts.isEmpty()).isTrue();
    }

    @Test
    void aBreakdownDuringAReservationIsAConflictUntilTheFaultIsCleared() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -2, 10, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-0", "P-1", "T-0", -10, -5, ReservationStatus.CONFIRMED);
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, false, 0);
        assertThat(fixture.conflicts.isEmpty()).as("a warning does not take the asset down").isTrue();

        fixture.fault("EX-1", "F-2", FaultState.ACTIVE, true, 0);
        List<ScheduleConflictChanged> opened = fixture.conflicts.readValuesToList();
        assertThat(opened).singleElement().satisfies(conflict -> {
            assertThat(conflict.getConflictType()).isEqualTo(ConflictType.ASSET_DOWN_DURING_TASK);
            assertThat(conflict.getConflictId()).isEqualTo(
                    ConflictRules.conflictId(ConflictType.ASSET_DOWN_DURING_TASK, "EX-1", "fault:F-2", "R-1"));
            assertThat(conflict.getReservationIds()).containsExactly("R-1");
            assertThat(conflict.getTaskIds()).containsExactly("T-1");
            assertThat(conflict.getOverlapStart()).isEqualTo(at(0));
            assertThat(conflict.getOverlapEnd()).isEqualTo(at(10));
            assertThat(conflict.getMessage()).contains("down", "1569-31", "R-1");
        });

        fixture.fault("EX-1", "F-2", FaultState.ACTIVE, true, 0);
        assertThat(fixture.conflicts.isEmpty()).as("a repeated raise is the same breakdown").isTrue();

        fixture.fault("EX-1", "F-2", FaultState.CLEARED, true, 0);
        assertThat(fixture.conflicts.readValuesToList())
                .extracting(ScheduleConflictChanged::getConflictId, ScheduleConflictChanged::getStatus)
                .containsExactly(tuple(opened.get(0).getConflictId(), ConflictStatus.RESOLVED));
    }

    @Test
    void workOrderDowntimeDuringAReservationIsAConflictUntilTheWorkOrderCloses() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 24, 48, ReservationStatus.CONFIRMED);
        fixture.workOrder("EX-1", "WO-1", WorkOrderChange.OPENED, WorkOrderStatus.OPEN, null, null);
        assertThat(fixture.conflicts.isEmpty()).as("a work order keeping the asset in service").isTrue();

        fixture.workOrder("EX-1", "WO-1", WorkOrderChange.UPDATED, WorkOrderStatus.IN_PROGRESS, 20.0, 30.0);
        assertThat(fixture.conflicts.readValuesToList()).singleElement().satisfies(conflict -> {
            assertThat(conflict.getConflictType()).isEqualTo(ConflictType.ASSET_DOWN_DURING_TASK);
            assertThat(conflict.getStatus()).isEqualTo(ConflictStatus.OPEN);
            assertThat(conflict.getOverlapStart()).isEqualTo(at(24));
            assertThat(conflict.getOverlapEnd()).isEqualTo(at(30));
            assertThat(conflict.getMessage()).contains("maintenance", "WO-1");
        });

        fixture.workOrder("EX-1", "WO-1", WorkOrderChange.CLOSED, WorkOrderStatus.DONE, 20.0, 30.0);
        assertThat(fixture.conflicts.readValuesToList()).extracting(ScheduleConflictChanged::getStatus)
                .containsExactly(ConflictStatus.RESOLVED);
    }

    @Test
    void conflictsOfForgottenReservationsAreResolved() {
        fixture.reserve("EX-1", "R-1", "P-1", null, 1, 3, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-2", null, 2, 4, ReservationStatus.CONFIRMED);
        assertThat(fixture.conflicts.readValuesToList()).hasSize(1);

        fixture.advanceTo(27.5); // R-1 ended at hour 3, more than a day ago
        assertThat(fixture.conflicts.readValuesToList()).extracting(ScheduleConflictChanged::getStatus)
                .containsExactly(ConflictStatus.RESOLVED);
    }
}
