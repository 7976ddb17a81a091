package io.trestle.schedule.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.trestle.schedule.diff.ScheduleChange.AttributeChange;
import io.trestle.schedule.diff.ScheduleChange.CrewAssigned;
import io.trestle.schedule.diff.ScheduleChange.CrewReleased;
import io.trestle.schedule.diff.ScheduleChange.EquipmentReleased;
import io.trestle.schedule.diff.ScheduleChange.EquipmentReserved;
import io.trestle.schedule.diff.ScheduleChange.TaskAdded;
import io.trestle.schedule.diff.ScheduleChange.TaskAmended;
import io.trestle.schedule.diff.ScheduleChange.TaskWithdrawn;
import io.trestle.schedule.diff.ScheduleChange.Withdrawal;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Snapshots;
import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;
import io.trestle.schedule.model.TaskStatus;

class ScheduleDiffTest {

    private static final ScheduleSnapshot HARBOUR_V1 = Snapshots.of(Fixtures.HARBOUR_V1);
    private static final ScheduleSnapshot HARBOUR_V2 = Snapshots.of(Fixtures.HARBOUR_V2);
    private static final ScheduleSnapshot RIVERSIDE_V1 = Snapshots.of(Fixtures.RIVERSIDE_V1);
    private static final ScheduleSnapshot RIVERSIDE_V2 = Snapshots.of(Fixtures.RIVERSIDE_V2);

    @Test
    void publishesTheWholeScheduleWhenNoVersionWasPublishedBefore() {
        List<ScheduleChange> changes = ScheduleDiff.between(null, HARBOUR_V1);

        assertThat(changes).containsExactly(
                new TaskAdded(task(HARBOUR_V1, "Q1000")),
                new TaskAdded(task(HARBOUR_V1, "Q1010")),
                new TaskAdded(task(HARBOUR_V1, "Q1020")),
                new TaskAdded(task(HARBOUR_V1, "Q1030")),
                new CrewAssigned(crew(HARBOUR_V1, "8001")),
                new CrewAssigned(crew(HARBOUR_V1, "8003")),
                new CrewAssigned(crew(HARBOUR_V1, "8005")),
                new CrewAssigned(crew(HARBOUR_V1, "8007")),
                new EquipmentReserved(machine(HARBOUR_V1, "8002")),
                new EquipmentReserved(machine(HARBOUR_V1, "8004")),
                new EquipmentReserved(machine(HARBOUR_V1, "8009")));
    }

    @Test
    void publishesMovedDatesDeletedActivityReassignedCrewAndAddedMachineOfAP6Update() {
        List<ScheduleChange> changes = ScheduleDiff.between(HARBOUR_V1, HARBOUR_V2);

        assertThat(changes).containsExactly(
                new TaskAmended(task(HARBOUR_V1, "Q1010"), task(HARBOUR_V2, "Q1010"), List.of(
                        moved(TaskAttribute.PLANNED_START, 15, 8, 17),
                        moved(TaskAttribute.PLANNED_END, 21, 17, 23),
                        moved(TaskAttribute.EARLY_START, 15, 8, 17),
                        moved(TaskAttribute.EARLY_END, 21, 17, 23),
                        moved(TaskAttribute.LATE_START, 15, 8, 17),
                        moved(TaskAttribute.LATE_END, 21, 17, 23))),
                new CrewReleased(crew(HARBOUR_V1, "8005")),
                new CrewReleased(crew(HARBOUR_V1, "8007")),
                new EquipmentReleased(machine(HARBOUR_V1, "8009")),
                new CrewAssigned(crew(HARBOUR_V2, "8003")),
                new CrewAssigned(crew(HARBOUR_V2, "8005")),
                new EquipmentReserved(machine(HARBOUR_V2, "8008")),
                new EquipmentReserved(machine(HARBOUR_V2, "8004")),
                new TaskWithdrawn(task(HARBOUR_V1, "Q1030"), Withdrawal.DELETED));
        assertThat(crew(HARBOUR_V1, "8005").resource().id()).isEqualTo("CONC-CREW");
        assertThat(crew(HARBOUR_V2, "8005").resource().id()).isEqualTo("CONC-SUB");
        assertThat(machine(HARBOUR_V2, "8008").resource().id()).isEqualTo("EX-12");
    }

    @Test
    void publishesAnMsProjectUpdateWithACancelledTaskAndItsReleases() {
        ScheduledTask excavate = byName(RIVERSIDE_V2, "Excavate pier footings");
        ScheduledTask girders = byName(RIVERSIDE_V1, "Set girders");
        ScheduledTask deck = byName(RIVERSIDE_V2, "Pour deck");

        List<ScheduleChange> changes = ScheduleDiff.between(RIVERSIDE_V1, RIVERSIDE_V2);

        assertThat(changes).containsExactly(
                new TaskAmended(byName(RIVERSIDE_V1, "Excavate pier footings"), excavate, List.of(
                        new AttributeChange(TaskAttribute.STATUS, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED),
                        new AttributeChange(TaskAttribute.ACTUAL_END, null, LocalDateTime.of(2025, 3, 5, 17, 0)),
                        new AttributeChange(TaskAttribute.PERCENT_COMPLETE, new BigDecimal("50.00"),
                                new BigDecimal("100.00")))),
                new TaskAmended(byName(RIVERSIDE_V1, "Pour deck"), deck, List.of(
                        new AttributeChange(TaskAttribute.PLANNED_START, LocalDateTime.of(2025, 3, 13, 8, 0),
                                LocalDateTime.of(2025, 3, 20, 8, 0)),
                        new AttributeChange(TaskAttribute.PLANNED_END, LocalDateTime.of(2025, 3, 14, 17, 0),
                                LocalDateTime.of(2025, 3, 21, 17, 0)))),
                new CrewReleased(crew(RIVERSIDE_V1, "5")),
                new EquipmentReleased(machine(RIVERSIDE_V1, "6")),
                new CrewAssigned(crew(RIVERSIDE_V2, "8")),
                new TaskWithdrawn(girders, Withdrawal.CANCELLED));
    }

    @Test
    void schedulesACancelledTaskAgainWhenItIsReactivated() {
        List<ScheduleChange> changes = ScheduleDiff.between(RIVERSIDE_V2, RIVERSIDE_V1);

        assertThat(changes).contains(new TaskAdded(byName(RIVERSIDE_V1, "Set girders")),
                new CrewAssigned(crew(RIVERSIDE_V1, "5")), new EquipmentReserved(machine(RIVERSIDE_V1, "6")));
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.HARBOUR_V1, Fixtures.HARBOUR_V2, Fixtures.RIVERSIDE_V1,
            Fixtures.RIVERSIDE_V2, Fixtures.RIVERSIDE_PMXML})
    void publishesNothingWhenTheSameFileIsPublishedTwice(String fixture) {
        assertThat(ScheduleDiff.between(Snapshots.of(fixture), Snapshots.of(fixture))).isEmpty();
    }

    @Test
    void refusesToCompareVersionsOfDifferentProjects() {
        assertThatThrownBy(() -> ScheduleDiff.between(HARBOUR_V1, Snapshots.of(Fixtures.RIVERSIDE_PMXML)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot compare project p6:HQ-2025 with p6:RB-2025");
    }

    private static AttributeChange moved(TaskAttribute attribute, int fromDay, int hour, int toDay) {
        return new AttributeChange(attribute, LocalDateTime.of(2025, 4, fromDay, hour, 0),
                LocalDateTime.of(2025, 4, toDay, hour, 0));
    }

    private static ScheduledTask task(ScheduleSnapshot schedule, String id) {
        return schedule.tasks().stream().filter(task -> task.id().equals(id)).findFirst().orElseThrow();
    }

    private static ScheduledTask byName(ScheduleSnapshot schedule, String name) {
        return schedule.tasks().stream().filter(task -> task.name().equals(name)).findFirst().orElseThrow();
    }

    private static Assignment crew(ScheduleSnapshot schedule, String id) {
        return schedule.crewAssignments().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static Assignment machine(ScheduleSnapshot schedule, String id) {
        return schedule.equipmentReservations().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }
}
