package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.operations.service.OperationsEvents;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.AvailabilityState;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderStatus;

/** Availability derived from reservations, breakdowns and downtime, published only when the state changes. */
class AvailabilityTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture();

    @Test
    void aReservationMakesTheAssetInUseWhileItRunsWithoutRepeatingTheState() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 1, 3, ReservationStatus.CONFIRMED);
        assertThat(fixture.availability.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getState()).isEqualTo(AvailabilityState.AVAILABLE);
            assertThat(event.getMetadata().getSourceSystem()).isEqualTo(OperationsEvents.SOURCE_SYSTEM);
        });
        fixture.reserve("EX-1", "R-2", "P-1", "T-2", 5, 6, ReservationStatus.TENTATIVE);

        fixture.advanceTo(1);
        assertThat(fixture.availability.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getState()).isEqualTo(AvailabilityState.IN_USE);
            assertThat(event.getEffectiveFrom()).isEqualTo(at(1));
            assertThat(event.getExpectedUntil()).isEqualTo(at(3));
        });
        fixture.advanceTo(2);
        assertThat(fixture.availability.isEmpty()).as("no repeat while the state holds").isTrue();

        fixture.advanceTo(3);
        fixture.advanceTo(5.5);
        assertThat(fixture.availabilityStates()).as("a tentative booking does not put the asset in use")
                .containsExactly(AvailabilityState.AVAILABLE);
    }

    @Test
    void aBreakdownTakesTheAssetDownBeforeMaintenanceAndUse() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -1, 8, ReservationStatus.CONFIRMED);
        fixture.workOrder("EX-1", "WO-1", WorkOrderChange.OPENED, WorkOrderStatus.IN_PROGRESS, 0.0, null);
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        assertThat(fixture.availabilityStates()).containsExactly(AvailabilityState.IN_USE,
                AvailabilityState.IN_MAINTENANCE, AvailabilityState.DOWN);

        fixture.fault("EX-1", "F-1", FaultState.CLEARED, true, 0);
        fixture.workOrder("EX-1", "WO-1", WorkOrderChange.CLOSED, WorkOrderStatus.DONE, 0.0, 0.5);
        assertThat(fixture.availabilityStates()).containsExactly(AvailabilityState.IN_MAINTENANCE,
                AvailabilityState.IN_USE);
    }

    @Test
    void theDownEventNamesTheFaultAndMaintenanceTheWorkOrder() {
        fixture.workOrder("EX-1", "WO-1", WorkOrderChange.OPENED, WorkOrderStatus.IN_PROGRESS, 0.0, null);
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);

        assertThat(fixture.availability.readValuesToList())
                .extracting(AvailabilityChanged::getState, AvailabilityChanged::getWorkOrderId,
                        AvailabilityChanged::getFaultId)
                .containsExactly(org.assertj.core.api.Assertions.tuple(AvailabilityState.IN_MAINTENANCE, "WO-1", null),
                        org.assertj.core.api.Assertions.tuple(AvailabilityState.DOWN, null, "F-1"));
    }

    @Test
    void itsOwnAvailabilityEventsAreIgnoredOnTheWayIn() {
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        AvailabilityChanged own = fixture.availability.readValue();
        assertThat(own.getState()).isEqualTo(AvailabilityState.DOWN);

        // Its own event read back as if the platform had written it would be the platform's word; it is skipped.
        fixture.availabilityIn.pipeInput("EX-1", own);
        fixture.pushAvailability("EX-1", OperationsEvents.SOURCE_SYSTEM, AvailabilityState.AVAILABLE);
        fixture.advanceTo(1);

        assertThat(fixture.availability.isEmpty()).isTrue();
    }

    @Test
    void thePlatformsOwnStateCountsAndAContradictedPushIsCorrected() {
        fixture.pushAvailability("EX-1", "aemp:test", AvailabilityState.IN_TRANSIT);
        assertThat(fixture.availability.isEmpty()).as("the topic already shows the platform's state").isTrue();

        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        assertThat(fixture.availabilityStates()).containsExactly(AvailabilityState.DOWN);

        // The platform says available while the breakdown is active: the derived state goes out again.
        fixture.pushAvailability("EX-1", "aemp:test", AvailabilityState.AVAILABLE);
        assertThat(fixture.availabilityStates()).containsExactly(AvailabilityState.DOWN);

        fixture.pushAvailability("EX-1", "aemp:test", AvailabilityState.RETIRED);
        fixture.fault("EX-1", "F-1", FaultState.CLEARED, true, 0);
        assertThat(fixture.availability.isEmpty()).as("retired wins over everything").isTrue();
    }
}
