package io.trestle.schedule.export.structure;

import static io.trestle.schedule.export.MasterData.DEPOT;
import static io.trestle.schedule.export.MasterData.HARBOUR_QUAY;
import static io.trestle.schedule.export.MasterData.apply;
import static io.trestle.schedule.export.MasterData.costCode;
import static io.trestle.schedule.export.MasterData.fold;
import static io.trestle.schedule.export.MasterData.harbourQuayAndDepot;
import static io.trestle.schedule.export.MasterData.project;
import static io.trestle.schedule.export.MasterData.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trestle.schedule.export.MasterData.Kind;
import io.trestle.schedule.export.MasterData.Published;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;

class ProjectStructureTest {

    private final ProjectStructure structure = fold(harbourQuayAndDepot());

    @Test
    void phasesAndTheirSubTasksBecomeNestedWbsElementsInOdoosOrder() {
        ProjectSkeleton quay = structure.skeleton(HARBOUR_QUAY).orElseThrow();

        assertThat(quay.wbs()).extracting(WbsElement::code, WbsElement::name, WbsElement::parentTaskId).containsExactly(
                tuple("101", "Site preparation", null),
                tuple("101.111", "Clearing", "101"),
                tuple("101.112", "Excavation", "101"),
                tuple("102", "Piling", null),
                tuple("102.121", "Sheet piles", "102"),
                tuple("102.121.122", "Anchors", "121"),
                tuple("103", "Deck", null));
        assertThat(quay.plannerId()).isEqualTo("HQ-2026");
        assertThat(quay.key()).isEqualTo("project-42");
    }

    @Test
    void cancelledAndArchivedTasksAreLeftOutWithEverythingBelowThem() {
        assertThat(structure.skeleton(HARBOUR_QUAY).orElseThrow().wbs()).extracting(WbsElement::taskId)
                .doesNotContain("131", "104", "141");
    }

    @Test
    void everyElementCarriesItsOwnCostCodeElseTheProjectsAndTheDictionaryHoldsThoseUsed() {
        ProjectSkeleton quay = structure.skeleton(HARBOUR_QUAY).orElseThrow();

        assertThat(quay.costCode()).isEqualTo(new CostCode("7", "HQ-2026", "Harbour Quay general"));
        assertThat(quay.wbs()).extracting(WbsElement::taskId, element -> element.costCode().code()).containsExactly(
                tuple("101", "02-100"), tuple("111", "HQ-2026"), tuple("112", "02-100"), tuple("102", "03-200"),
                tuple("121", "03-200"), tuple("122", "73"), tuple("103", "HQ-2026"));
        assertThat(quay.costCodes()).extracting(CostCode::code, CostCode::name).containsExactly(
                tuple("02-100", "Earthworks"), tuple("03-200", "Piling"), tuple("73", "Dredging"),
                tuple("HQ-2026", "Harbour Quay general"));
    }

    @Test
    void aProjectWithoutCodeOrCostCodeIsKnownByItsOdooId() {
        ProjectSkeleton depot = structure.skeleton(DEPOT).orElseThrow();

        assertThat(depot.plannerId()).isEqualTo("ODOO-43");
        assertThat(depot.costCode()).isNull();
        assertThat(depot.costCodes()).isEmpty();
        assertThat(depot.wbs()).extracting(WbsElement::code, WbsElement::costCode).containsExactly(tuple("201", null));
    }

    @Test
    void aTaskWhoseCostCodeIsNotKnownYetCarriesNoneUntilItArrives() {
        apply(structure, task(task("105", HARBOUR_QUAY, null, "Fenders").setCostCodeId("74").build()));
        assertThat(element("105").costCode()).isNull();

        StructureChange arrived = apply(structure, costCode("74", "05-500", "Fenders"));

        assertThat(arrived.projects()).containsExactly(HARBOUR_QUAY);
        assertThat(element("105").costCode()).isEqualTo(new CostCode("74", "05-500", "Fenders"));
    }

    @Test
    void aSubTaskOfAnotherProjectsTaskIsAPhaseOfItsOwnProject() {
        apply(structure, task(task("202", DEPOT, "101", "Borrowed from the quay").build()));

        assertThat(structure.skeleton(DEPOT).orElseThrow().wbs()).extracting(WbsElement::code)
                .containsExactly("201", "202");
    }

    @Test
    void tasksCaughtInAParentCycleAreNotExported() {
        apply(structure, task(task("301", DEPOT, "302", "Loop A").build()));
        apply(structure, task(task("302", DEPOT, "301", "Loop B").build()));

        assertThat(structure.skeleton(DEPOT).orElseThrow().wbs()).extracting(WbsElement::code)
                .containsExactly("201");
    }

    @Test
    void aTaskMovedToAnotherProjectChangesBothAndItsSubTasksBecomePhasesOfTheOldOne() {
        StructureChange moved = apply(structure, task(task("121", DEPOT, null, "Sheet piles").build()));

        assertThat(moved.projects()).containsExactlyInAnyOrder(HARBOUR_QUAY, DEPOT);
        assertThat(structure.skeleton(HARBOUR_QUAY).orElseThrow().wbs()).extracting(WbsElement::code)
                .containsExactly("101", "101.111", "101.112", "102", "103", "122");
        assertThat(structure.skeleton(DEPOT).orElseThrow().wbs()).extracting(WbsElement::code)
                .containsExactly("121", "201");
    }

    @Test
    void aCostCodeChangeConcernsEveryProjectThatUsesIt() {
        assertThat(apply(structure, costCode("72", "03-210", "Piling, revised")).projects())
                .containsExactly(HARBOUR_QUAY);
        assertThat(apply(structure, costCode("79", "99-998", "Still unused")).projects()).isEmpty();
    }

    @Test
    void deletionsRemoveWhatTheyDeleteAndADeletionOfSomethingUnknownIsUncertain() {
        ProjectTaskSnapshot deck = task("103", HARBOUR_QUAY, null, "Deck").setDeleted(true).build();
        StructureChange deleted = apply(structure, task(deck));
        StructureChange tombstone = apply(structure, new Published(Kind.TASK, "103", null));
        StructureChange unknown = apply(structure,
                task(task("999", HARBOUR_QUAY, null, "Never seen").setDeleted(true).build()));

        assertThat(deleted).isEqualTo(new StructureChange(Set.of(HARBOUR_QUAY), false));
        assertThat(tombstone).isEqualTo(new StructureChange(Set.of(), true));
        assertThat(unknown).isEqualTo(new StructureChange(Set.of(HARBOUR_QUAY), true));
        assertThat(structure.skeleton(HARBOUR_QUAY).orElseThrow().wbs()).extracting(WbsElement::taskId)
                .doesNotContain("103");
    }

    @Test
    void archivedDeletedAndUnknownProjectsHaveNoSkeleton() {
        ProjectSnapshot archived = project(DEPOT, null, "Depot", null);
        archived.setActive(false);
        apply(structure, project(archived));
        apply(structure, new Published(Kind.PROJECT, HARBOUR_QUAY, null));

        assertThat(structure.skeleton(DEPOT)).isEmpty();
        assertThat(structure.skeleton(HARBOUR_QUAY)).isEmpty();
        assertThat(structure.skeleton("404")).isEmpty();
        assertThat(structure.projectIds()).containsExactly(DEPOT);
    }

    @Test
    void idsSortAsNumbers() {
        assertThat(List.of("102", "11", "9", "1001").stream().sorted(ProjectStructure.ID_ORDER))
                .containsExactly("9", "11", "102", "1001");
    }

    private WbsElement element(String taskId) {
        return structure.skeleton(HARBOUR_QUAY).orElseThrow().wbs().stream()
                .filter(element -> element.taskId().equals(taskId)).findFirst().orElseThrow();
    }
}
