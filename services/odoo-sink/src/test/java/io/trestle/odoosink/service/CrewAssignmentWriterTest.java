package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestSchedules.assignment;
import static io.trestle.odoosink.TestSchedules.pending;
import static io.trestle.odoosink.TestSchedules.schedule;
import static io.trestle.schema.schedule.CrewAssignmentChange.ASSIGNED;
import static io.trestle.schema.schedule.CrewAssignmentChange.RELEASED;
import static io.trestle.schema.schedule.CrewAssignmentChange.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.RetryPolicy;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.odoosink.config.SinkConfig.PlanningTarget;
import io.trestle.odoosink.domain.PendingCrewAssignment;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.schema.schedule.CrewAssignmentChanged;

/**
 * Crew assignments into the Odoo stand-in through the real protocol: as task assignees on Community, as planning slots
 * on a stand-in with Enterprise planning.
 */
class CrewAssignmentWriterTest {

    private static final String TASK = "project.task";
    private static final String SLOT = "planning.slot";
    private static final Instant TUESDAY = Instant.parse("2026-12-01T07:00:00Z");
    private static final Instant TUESDAY_END = Instant.parse("2026-12-01T15:30:00Z");

    private OdooStandIn odoo;
    private OdooClient client;

    @AfterEach
    void stop() {
        client.close();
        odoo.close();
    }

    @Test
    void onCommunityAutoAssignsTheCrewsToTheTaskAndAsksOdooOnlyOnce() {
        CrewAssignmentWriter writer = start(false, PlanningTarget.AUTO);
        int task = task();
        int concrete = user("Concrete crew");
        int rebar = user("Rebar crew");

        List<SinkResult> first = writer.write(List.of(pending(assign("A-1", task, concrete))));
        List<SinkResult> second = writer.write(List.of(pending(assign("A-2", task, rebar))));

        assertThat(first).singleElement().isInstanceOfSatisfying(SinkResult.Posted.class, posted -> {
            assertThat(posted.model()).isEqualTo(TASK);
            assertThat(posted.odooId()).isEqualTo(task);
        });
        assertThat(second).singleElement().isInstanceOf(SinkResult.Posted.class);
        assertThat(assignees(task)).containsExactly(concrete, rebar);
        assertThat(odoo.callCount("ir.model", "search_count")).isEqualTo(1);
    }

    @Test
    void assignReleaseAssignEndsAssignedAndTheSameBatchDeliveredAgainWritesNothing() {
        CrewAssignmentWriter writer = start(false, PlanningTarget.TASKS);
        int task = task();
        int concrete = user("Concrete crew");
        int rebar = user("Rebar crew");
        List<PendingCrewAssignment> batch = List.of(pending(assign("A-1", task, concrete)),
                pending(release("A-1", task, concrete)), pending(assign("A-1", task, concrete)),
                pending(assign("A-2", task, rebar)), pending(release("A-2", task, rebar)));

        List<SinkResult> first = writer.write(batch);
        List<SinkResult> again = writer.write(batch);

        assertThat(first).hasSize(5).allMatch(SinkResult.Posted.class::isInstance);
        assertThat(again).hasSize(5).allSatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(SinkResult.AlreadyPosted.class, already -> assertThat(already.odooId())
                        .isEqualTo(task)));
        assertThat(assignees(task)).containsExactly(concrete);
        assertThat(odoo.callCount(TASK, "load")).isEqualTo(1);
    }

    @Test
    void aReleaseRemovesOnlyThatCrewFromTheTask() {
        CrewAssignmentWriter writer = start(false, PlanningTarget.TASKS);
        int concrete = user("Concrete crew");
        int rebar = user("Rebar crew");
        int task = odoo.seed(TASK,
                Map.of("name", "Foundations", "project_id", 1, "user_ids", List.of(concrete, rebar)));

        writer.write(List.of(pending(release("A-1", task, concrete))));

        assertThat(assignees(task)).containsExactly(rebar);
    }

    @Test
    void unknownTasksAndUsersAreRejectedWhileTheirNeighboursAreAssigned() {
        CrewAssignmentWriter writer = start(false, PlanningTarget.TASKS);
        int task = task();
        int concrete = user("Concrete crew");

        List<SinkResult> results = writer.write(List.of(pending(assign("A-1", 987654, concrete)),
                pending(assign("A-2", task, 987654)), pending(assign("A-3", task, concrete))));

        assertThat(results).filteredOn(SinkResult.Rejected.class::isInstance)
                .extracting(result -> result.input().requestId() + ":" + ((SinkResult.Rejected) result).reasonCode())
                .containsExactlyInAnyOrder("A-1:UNKNOWN_CANONICAL_ID", "A-2:UNKNOWN_CANONICAL_ID");
        assertThat(assignees(task)).containsExactly(concrete);
    }

    @Test
    void idsThatAreNotOdooIdsAndChangesOfUnknownKindNeverReachOdoo() {
        CrewAssignmentWriter writer = start(false, PlanningTarget.TASKS);

        List<SinkResult> results = writer.write(List.of(
                pending(assignment("A-1", "P6-A1010", "7", ASSIGNED).build()),
                pending(assignment("A-2", "7", "CREW-CONCRETE", ASSIGNED).build()),
                pending(assignment("A-3", "7", "7", UNKNOWN).build())));

        assertThat(results).extracting(result -> ((SinkResult.Rejected) result).reasonCode())
                .containsExactly("UNKNOWN_CANONICAL_ID", "UNKNOWN_CANONICAL_ID", "SCHEMA_VIOLATION");
        assertThat(odoo.callCounts()).doesNotContainKeys(TASK, "res.users");
    }

    @Test
    void withEnterprisePlanningAutoGivesEachAssignmentASlotOfTheCrewsEmployee() {
        CrewAssignmentWriter writer = start(true, PlanningTarget.AUTO);
        int task = task();
        int concrete = user("Concrete crew");
        int employee = employee(concrete);

        List<SinkResult> results = writer.write(List.of(pending(assignment("A-1", Integer.toString(task),
                Integer.toString(concrete), ASSIGNED).setCrewName("Concrete crew 2").setPlannedStart(TUESDAY)
                .setPlannedEnd(TUESDAY_END).setPlannedHours(6.0).build())));

        assertThat(results).singleElement().isInstanceOfSatisfying(SinkResult.Posted.class, posted -> {
            assertThat(posted.model()).isEqualTo(SLOT);
            assertThat(posted.externalId()).isEqualTo("trestle.crew_assignment_A_2d_1");
        });
        assertThat(odoo.records(SLOT)).singleElement().satisfies(slot -> {
            assertThat(slot.get("employee_id")).isEqualTo(List.of(employee, "Concrete crew"));
            assertThat(slot.get("user_id")).isEqualTo(List.of(concrete, "Concrete crew"));
            assertThat(slot.get("project_id")).isEqualTo(List.of(1, "Internal"));
            assertThat(slot.get("start_datetime")).isEqualTo("2026-12-01 07:00:00");
            assertThat(slot.get("end_datetime")).isEqualTo("2026-12-01 15:30:00");
            assertThat(slot.get("allocated_hours")).isEqualTo(6.0);
            assertThat(slot.get("name")).isEqualTo("Concrete crew 2");
            assertThat(slot.get("state")).isEqualTo("draft");
        });
        assertThat(assignees(task)).as("slots are per assignment; the task keeps its assignees").isEmpty();
    }

    @Test
    void aRedeliveredOrMovedAssignmentUpdatesItsSlotAndAReleaseRemovesIt() {
        CrewAssignmentWriter writer = start(true, PlanningTarget.PLANNING_SLOTS);
        int task = task();
        int concrete = user("Concrete crew");
        employee(concrete);
        PendingCrewAssignment assigned = pending(assign("A-1", task, concrete));
        PendingCrewAssignment moved = pending(assignment("A-1", Integer.toString(task), Integer.toString(concrete),
                ASSIGNED).setPlannedStart(TUESDAY.plusSeconds(86_400)).setPlannedEnd(TUESDAY_END.plusSeconds(86_400))
                .build());
        PendingCrewAssignment released = pending(release("A-1", task, concrete));

        long slot = ((SinkResult.Posted) writer.write(List.of(assigned)).get(0)).odooId();
        assertThat(writer.write(List.of(assigned))).singleElement()
                .isInstanceOfSatisfying(SinkResult.Posted.class, posted -> assertThat(posted.odooId()).isEqualTo(slot));
        writer.write(List.of(moved));
        assertThat(odoo.records(SLOT)).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo((int) slot);
            assertThat(row.get("start_datetime")).isEqualTo("2026-12-02 07:00:00");
            assertThat(row.get("allocated_hours")).as("Odoo's own allocation of the period").isEqualTo(8.5);
        });

        assertThat(writer.write(List.of(released))).singleElement()
                .isInstanceOfSatisfying(SinkResult.Posted.class, posted -> assertThat(posted.odooId()).isEqualTo(slot));
        assertThat(writer.write(List.of(released))).singleElement().isInstanceOf(SinkResult.Skipped.class);
        assertThat(odoo.records(SLOT)).isEmpty();
    }

    @Test
    void assignReleaseAssignOfOneAssignmentInOneBatchEndsWithItsSlot() {
        CrewAssignmentWriter writer = start(true, PlanningTarget.PLANNING_SLOTS);
        int task = task();
        int concrete = user("Concrete crew");
        employee(concrete);

        List<SinkResult> results = writer.write(List.of(pending(assign("A-1", task, concrete)),
                pending(release("A-1", task, concrete)), pending(assign("A-1", task, concrete))));

        assertThat(results).hasSize(3).allMatch(SinkResult.Posted.class::isInstance);
        assertThat(odoo.records(SLOT)).singleElement()
                .satisfies(slot -> assertThat(slot.get("id")).isEqualTo((int) ((SinkResult.Posted) results.get(2))
                        .odooId()));
    }

    @Test
    void aSlotWithoutItsOwnEndEndsAtTheTasksDeadlineButOneWithoutAStartIsRejected() {
        CrewAssignmentWriter writer = start(true, PlanningTarget.PLANNING_SLOTS);
        int task = odoo.seed(TASK, Map.of("name", "Foundations", "project_id", 1, "date_deadline",
                "2026-12-04 16:00:00"));
        int concrete = user("Concrete crew");
        employee(concrete);

        List<SinkResult> results = writer.write(List.of(
                pending(assignment("A-1", Integer.toString(task), Integer.toString(concrete), ASSIGNED)
                        .setPlannedStart(TUESDAY).build()),
                pending(assignment("A-2", Integer.toString(task), Integer.toString(concrete), ASSIGNED)
                        .setPlannedEnd(TUESDAY_END).build())));

        assertThat(results).filteredOn(SinkResult.Rejected.class::isInstance).singleElement()
                .satisfies(rejected -> {
                    assertThat(rejected.input().requestId()).isEqualTo("A-2");
                    assertThat(((SinkResult.Rejected) rejected).reasonCode()).isEqualTo("SCHEMA_VIOLATION");
                    assertThat(((SinkResult.Rejected) rejected).message()).contains("no planned start");
                });
        assertThat(odoo.records(SLOT)).singleElement()
                .satisfies(slot -> assertThat(slot.get("end_datetime")).isEqualTo("2026-12-04 16:00:00"));
    }

    @Test
    void aCrewWithoutAnEmployeeIsRejectedWhileItsNeighbourGetsItsSlot() {
        CrewAssignmentWriter writer = start(true, PlanningTarget.PLANNING_SLOTS);
        int task = task();
        int concrete = user("Concrete crew");
        int rebar = user("Rebar crew");
        employee(rebar);

        List<SinkResult> results = writer.write(
                List.of(pending(assign("A-1", task, concrete)), pending(assign("A-2", task, rebar))));

        assertThat(results).filteredOn(SinkResult.Rejected.class::isInstance).singleElement()
                .satisfies(rejected -> {
                    assertThat(rejected.input().requestId()).isEqualTo("A-1");
                    assertThat(((SinkResult.Rejected) rejected).reasonCode()).isEqualTo("UNKNOWN_CANONICAL_ID");
                    assertThat(((SinkResult.Rejected) rejected).message()).contains("has no employee");
                });
        assertThat(odoo.records(SLOT)).singleElement()
                .satisfies(slot -> assertThat(slot.get("user_id")).isEqualTo(List.of(rebar, "Rebar crew")));
    }

    @Test
    void aConfiguredTargetIsTakenWithoutAskingOdoo() {
        CrewAssignmentWriter writer = start(true, PlanningTarget.TASKS);
        int task = task();
        int concrete = user("Concrete crew");

        writer.write(List.of(pending(assign("A-1", task, concrete))));

        assertThat(assignees(task)).containsExactly(concrete);
        assertThat(odoo.records(SLOT)).isEmpty();
        assertThat(odoo.callCounts()).doesNotContainKey("ir.model");
    }

    private CrewAssignmentWriter start(boolean enterprisePlanning, PlanningTarget target) {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults().withEnterprisePlanning(enterprisePlanning));
        client = OdooClient.create(OdooClientConfig
                .of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey())
                .withRetry(RetryPolicy.none()));
        return new CrewAssignmentWriter(client, schedule(target));
    }

    private int task() {
        return odoo.seed(TASK, Map.of("name", "Foundations", "project_id", 1));
    }

    private int user(String name) {
        return odoo.seed("res.users", Map.of("name", name, "login", name.toLowerCase().replace(' ', '.')));
    }

    /** The user's employee, named like the crew. */
    private int employee(int user) {
        Object name = odoo.records("res.users").stream().filter(row -> row.get("id").equals(user)).findFirst()
                .orElseThrow().get("name");
        return odoo.seed("hr.employee", Map.of("name", name, "user_id", user));
    }

    private List<Object> assignees(int task) {
        @SuppressWarnings("unchecked")
        List<Object> users = (List<Object>) odoo.records(TASK).stream().filter(row -> row.get("id").equals(task))
                .findFirst()
                .orElseThrow().get("user_ids");
        return users;
    }

    /** Assigned for Tuesday's shift. */
    private static CrewAssignmentChanged assign(String assignmentId, int task, int user) {
        return assignment(assignmentId, Integer.toString(task), Integer.toString(user), ASSIGNED)
                .setPlannedStart(TUESDAY).setPlannedEnd(TUESDAY_END).build();
    }

    private static CrewAssignmentChanged release(String assignmentId, int task, int user) {
        return assignment(assignmentId, Integer.toString(task), Integer.toString(user), RELEASED).build();
    }
}
