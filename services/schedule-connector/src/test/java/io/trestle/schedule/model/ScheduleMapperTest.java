package io.trestle.schedule.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mpxj.ProjectFile;
import org.mpxj.Resource;
import org.mpxj.Task;

import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Snapshots;
import io.trestle.schedule.model.SkippedAssignment.Reason;
import io.trestle.schedule.read.UnreadableScheduleException;

class ScheduleMapperTest {

    @Test
    void mapsAP6ExportWithItsWbsActivitiesCrewsAndMachines() {
        ScheduleSnapshot harbour = Snapshots.of(Fixtures.HARBOUR_V1);

        assertThat(harbour.format()).isEqualTo(ScheduleFormat.XER);
        assertThat(harbour.sourceSystem()).isEqualTo("p6");
        assertThat(harbour.projectKey()).isEqualTo("HQ-2025");
        assertThat(harbour.projectName()).isEqualTo("Harbour Quay Wall");
        assertThat(harbour.revision()).isEqualTo("HQ-2025@2025-04-07T00:00");
        assertThat(harbour.dataDate()).isEqualTo(LocalDateTime.of(2025, 4, 7, 0, 0));
        assertThat(harbour.wbs()).containsExactly(
                new WbsNode("HQ-2025", "Harbour Quay Wall", List.of("Harbour Quay Wall"), null),
                new WbsNode("HQ-2025.PIL", "Piling", List.of("Harbour Quay Wall", "Piling"), "HQ-2025"),
                new WbsNode("HQ-2025.DEK", "Deck", List.of("Harbour Quay Wall", "Deck"), "HQ-2025"));
        assertThat(harbour.tasks()).extracting(ScheduledTask::id, ScheduledTask::wbsCode, ScheduledTask::status)
                .containsExactly(
                        tuple("Q1000", "HQ-2025.PIL", TaskStatus.IN_PROGRESS),
                        tuple("Q1010", "HQ-2025.PIL", TaskStatus.NOT_STARTED),
                        tuple("Q1020", "HQ-2025.DEK", TaskStatus.NOT_STARTED),
                        tuple("Q1030", "HQ-2025.DEK", TaskStatus.NOT_STARTED));
        assertThat(harbour.tasks().get(0)).isEqualTo(new ScheduledTask("Q1000", "Drive sheet piles", "HQ-2025.PIL",
                TaskStatus.IN_PROGRESS, true, at(1, 8), at(14, 17), at(1, 8), at(14, 17), at(7, 8), at(14, 17),
                at(7, 8), at(14, 17), at(1, 8), null, decimal("80.00"), decimal("240.00"), decimal("40.00")));
        assertThat(harbour.crewAssignments()).extracting(Assignment::id, Assignment::taskId, a -> a.resource().id())
                .containsExactly(
                        tuple("8001", "Q1000", "PILE-CREW"),
                        tuple("8003", "Q1010", "STEEL-CREW"),
                        tuple("8005", "Q1020", "CONC-CREW"),
                        tuple("8007", "Q1030", "STEEL-CREW"));
        assertThat(harbour.crewAssignments().get(0)).isEqualTo(new Assignment("8001", "Q1000",
                new ScheduleResource("PILE-CREW", "Piling crew", null), at(7, 8), at(14, 17), decimal("200.00"),
                decimal("160.00")));
        assertThat(harbour.skippedAssignments())
                .containsExactly(new SkippedAssignment("8006", "Q1020", "Reinforcing steel", Reason.MATERIAL));
    }

    @Test
    void turnsP6EquipmentResourcesIntoReservationsOverTheAssignmentsPeriod() {
        ScheduleSnapshot harbour = Snapshots.of(Fixtures.HARBOUR_V1);

        assertThat(harbour.equipmentReservations())
                .extracting(Assignment::id, Assignment::taskId, a -> a.resource().id(), Assignment::start,
                        Assignment::finish)
                .containsExactly(
                        tuple("8002", "Q1000", "PR-300", at(7, 8), at(14, 17)),
                        tuple("8004", "Q1010", "CR-50", at(15, 8), at(21, 17)),
                        tuple("8009", "Q1030", "CR-50", at(25, 8), at(28, 17)));
    }

    @Test
    void turnsP6XmlNonlaborResourcesIntoReservations() {
        ScheduleSnapshot riverside = Snapshots.of(Fixtures.RIVERSIDE_PMXML);

        assertThat(riverside.projectKey()).isEqualTo("RB-2025");
        assertThat(riverside.equipmentReservations()).extracting(a -> a.resource().id(), Assignment::taskId)
                .containsExactly(tuple("EX-07", "A1000"), tuple("CR-2", "A1020"));
        assertThat(riverside.crewAssignments()).extracting(a -> a.resource().id())
                .containsExactly("CR-EARTH", "CR-CONC", "CR-STEEL", "CR-CONC");
    }

    @Test
    void marksMsProjectWorkResourcesAsEquipmentByGroupOrFlagAlias() {
        ScheduleSnapshot riverside = Snapshots.of(Fixtures.RIVERSIDE_V1);

        assertThat(riverside.format()).isEqualTo(ScheduleFormat.MSPDI);
        assertThat(riverside.sourceSystem()).isEqualTo("msproject");
        assertThat(riverside.projectKey()).isEqualTo("6081ff26-0068-3e6a-b57d-e108aed213f2");
        assertThat(riverside.projectName()).isEqualTo("Riverside Bridge");
        assertThat(riverside.wbs()).extracting(WbsNode::code, WbsNode::name).containsExactly(
                tuple("1", "Substructure"), tuple("2", "Superstructure"));
        assertThat(riverside.equipmentReservations()).extracting(a -> a.resource().name())
                .containsExactly("Excavator EX-07", "Mobile crane CR-2");
        assertThat(riverside.crewAssignments()).extracting(a -> a.resource().name())
                .containsExactly("Earthworks crew", "Concrete crew", "Steel erection crew", "Concrete crew");
        assertThat(riverside.skippedAssignments()).extracting(SkippedAssignment::resourceName,
                SkippedAssignment::reason).containsExactly(
                        tuple("Concrete C30/37", Reason.MATERIAL), tuple("Crane permit", Reason.COST));
    }

    @Test
    void marksMsProjectEquipmentByFlagNameOrByResourceNameOrCode() {
        EquipmentRules byFlagName = new EquipmentRules(Set.of(), Optional.of("flag1"), Set.of());
        EquipmentRules byNameOrCode = new EquipmentRules(Set.of(), Optional.empty(),
                Set.of("excavator ex-07", "CR-2"));

        assertThat(equipmentNames(byFlagName)).containsExactly("Mobile crane CR-2");
        assertThat(equipmentNames(byNameOrCode)).containsExactly("Excavator EX-07", "Mobile crane CR-2");
    }

    @Test
    void treatsEveryMsProjectWorkResourceAsACrewWithoutRules() {
        ScheduleSnapshot riverside = Snapshots.all(Fixtures.RIVERSIDE_V1, EquipmentRules.NONE).get(0);

        assertThat(riverside.equipmentReservations()).isEmpty();
        assertThat(riverside.crewAssignments()).hasSize(6);
    }

    @Test
    void identifiesMsProjectTasksAndResourcesByGuid() {
        ScheduleSnapshot riverside = Snapshots.of(Fixtures.RIVERSIDE_V1);

        assertThat(riverside.tasks()).extracting(ScheduledTask::id).allMatch(id -> id.matches("[0-9a-f-]{36}"));
        assertThat(riverside.crewAssignments().get(0).resource())
                .isEqualTo(new ScheduleResource("0a17a5e9-b912-32f9-a817-36e1d1310836", "Earthworks crew",
                        "CR-EARTH"));
    }

    @Test
    void skipsP6RolesAndAssignmentsOnWbsNodes() {
        ProjectFile project = new ProjectFile();
        project.getProjectProperties().setProjectID("ROLES");
        Task wbs = project.addTask();
        wbs.setWBS("ROLES.1");
        Task activity = wbs.addTask();
        activity.setActivityID("A1000");
        Resource carpenter = project.addResource();
        carpenter.setName("Carpenter");
        carpenter.setRole(Boolean.TRUE);
        Resource crew = project.addResource();
        crew.setName("Formwork crew");
        crew.setResourceID("FORM-CREW");
        activity.addResourceAssignment(carpenter).setUniqueID(1);
        wbs.addResourceAssignment(crew).setUniqueID(2);
        activity.addResourceAssignment(crew).setUniqueID(3);

        ScheduleSnapshot snapshot = new ScheduleMapper(EquipmentRules.NONE).map(ScheduleFormat.XER, project);

        assertThat(snapshot.skippedAssignments()).containsExactly(
                new SkippedAssignment("1", "A1000", "Carpenter", Reason.ROLE),
                new SkippedAssignment("2", "ROLES.1", "Formwork crew", Reason.SUMMARY_TASK));
        assertThat(snapshot.crewAssignments()).extracting(Assignment::id, a -> a.resource().id())
                .containsExactly(tuple("3", "FORM-CREW"));
    }

    @Test
    void refusesAProjectWithTwoActivitiesOfOneId() {
        ProjectFile project = new ProjectFile();
        project.getProjectProperties().setProjectID("DUP");
        for (int i = 0; i < 2; i++) {
            Task task = project.addTask();
            task.setActivityID("A1000");
            task.setName("Activity " + i);
        }

        assertThatThrownBy(() -> new ScheduleMapper(EquipmentRules.NONE).map(ScheduleFormat.XER, project))
                .isInstanceOf(UnreadableScheduleException.class)
                .hasMessage("Activity id A1000 appears twice in project DUP");
    }

    @Test
    void mapsTheSameFileToEqualSnapshots() {
        assertThat(Snapshots.of(Fixtures.HARBOUR_V1)).isEqualTo(Snapshots.of(Fixtures.HARBOUR_V1));
        assertThat(Snapshots.of(Fixtures.RIVERSIDE_V1)).isEqualTo(Snapshots.of(Fixtures.RIVERSIDE_V1));
    }

    private static List<String> equipmentNames(EquipmentRules rules) {
        return Snapshots.all(Fixtures.RIVERSIDE_V1, rules).get(0).equipmentReservations().stream()
                .map(assignment -> assignment.resource().name()).toList();
    }

    private static LocalDateTime at(int dayOfApril, int hour) {
        return LocalDateTime.of(2025, 4, dayOfApril, hour, 0);
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
