package io.trestle.schedule.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.rest.Violation;
import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleFormat;
import io.trestle.schedule.model.ScheduleResource;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;
import io.trestle.schedule.model.TaskStatus;
import io.trestle.schedule.model.WbsNode;
import io.trestle.schedule.service.ImportedSchedule;

class PlannerSchedulesTest {

    private final PlannerSchedules schedules = new PlannerSchedules(ZoneId.of("Europe/London"));

    static final String VALID = """
            {
              "projectKey": "PLAN-7",
              "projectName": "Quay extension",
              "dataDate": "2025-04-07T00:00",
              "approved": true,
              "wbs": [{"code": "PIL", "name": "Piling"}, {"code": "PIL.1", "name": "Sheet piles", "parentCode": "PIL"}],
              "tasks": [
                {"id": "T1", "name": "Drive sheet piles", "wbsCode": "PIL.1", "start": "2025-04-01T08:00",
                 "finish": "2025-04-14T16:00:00Z", "actualStart": "2025-04-01T08:00", "percentComplete": 40,
                 "durationHours": 80, "workHours": 240.5, "plannerField": "ignored"},
                {"id": "T2", "name": "Install fenders", "active": false, "status": "NOT_STARTED"}
              ],
              "crewAssignments": [
                {"id": "A1", "taskId": "T1", "resourceId": "PILE-CREW", "resourceName": "Piling crew",
                 "start": "2025-04-07T08:00", "finish": "2025-04-14T17:00", "units": 200, "workHours": 160}
              ],
              "equipmentReservations": [
                {"id": "A2", "taskId": "T1", "resourceId": "PR-300", "start": "2025-04-07T08:00",
                 "finish": "2025-04-14T17:00"}
              ]
            }
            """;

    @Test
    void readsAPlannersScheduleAsTheSnapshotAFileWithTheSameContentGives() {
        ImportedSchedule imported = schedules.read(bytes(VALID), "acme-planner");
        ScheduleSnapshot snapshot = imported.snapshot();

        assertThat(imported.approvedBy()).contains("approved by the planner (webhook 'approved': true)");
        assertThat(snapshot.format()).isEqualTo(ScheduleFormat.PLANNER_JSON);
        assertThat(snapshot.sourceSystem()).isEqualTo("planner:acme-planner");
        assertThat(snapshot.projectKey()).isEqualTo("PLAN-7");
        assertThat(snapshot.revision()).startsWith("PLAN-7#");
        assertThat(snapshot.dataDate()).isEqualTo(LocalDateTime.of(2025, 4, 7, 0, 0));
        assertThat(snapshot.wbs()).containsExactly(new WbsNode("PIL", "Piling", List.of("Piling"), null),
                new WbsNode("PIL.1", "Sheet piles", List.of("Piling", "Sheet piles"), "PIL"));
        // 16:00 UTC is 17:00 in London in April; numbers at the scale files' numbers have.
        assertThat(snapshot.tasks().get(0)).isEqualTo(new ScheduledTask("T1", "Drive sheet piles", "PIL.1",
                TaskStatus.IN_PROGRESS, true, LocalDateTime.of(2025, 4, 1, 8, 0), LocalDateTime.of(2025, 4, 14, 17, 0),
                null, null, null, null, null, null, LocalDateTime.of(2025, 4, 1, 8, 0), null, new BigDecimal("80.00"),
                new BigDecimal("240.50"), new BigDecimal("40.00")));
        assertThat(snapshot.tasks().get(1)).extracting(ScheduledTask::active, ScheduledTask::status)
                .containsExactly(false, TaskStatus.NOT_STARTED);
        assertThat(snapshot.crewAssignments()).containsExactly(new Assignment("A1", "T1",
                new ScheduleResource("PILE-CREW", "Piling crew", null), LocalDateTime.of(2025, 4, 7, 8, 0),
                LocalDateTime.of(2025, 4, 14, 17, 0), new BigDecimal("200.00"), new BigDecimal("160.00")));
        assertThat(snapshot.equipmentReservations()).extracting(assignment -> assignment.resource().id())
                .containsExactly("PR-300");
    }

    @Test
    void theSameBodyIsTheSameVersionAndWithoutApprovalItWaits() {
        String unapproved = VALID.replace("\"approved\": true", "\"approved\": false");

        assertThat(schedules.read(bytes(unapproved), "acme-planner").snapshot())
                .isEqualTo(schedules.read(bytes(unapproved), "acme-planner").snapshot());
        assertThat(schedules.read(bytes(unapproved), "acme-planner").approvedBy()).isEmpty();
    }

    @Test
    void refusesAnInconsistentScheduleNamingEveryItemAndField() {
        String invalid = """
                {
                  "tasks": [
                    {"id": "T1", "name": "Drive sheet piles", "start": "2025-04-14T08:00", "finish": "2025-04-01T17:00",
                     "status": "STARTED", "percentComplete": 140},
                    {"id": "T1", "name": "Again", "start": "1 April", "finish": "2025-04-02T17:00"},
                    {"id": "T3", "name": "No dates"}
                  ],
                  "crewAssignments": [
                    {"id": "A1", "taskId": "T9", "resourceId": "PILE-CREW", "start": "2025-04-07T08:00",
                     "finish": "2025-04-14T17:00"}
                  ]
                }
                """;

        assertThatThrownBy(() -> schedules.read(bytes(invalid), "acme-planner"))
                .isInstanceOfSatisfying(InvalidPlannerScheduleException.class, e -> assertThat(e.violations())
                        .extracting(Violation::item, Violation::itemId, Violation::field).containsExactlyInAnyOrder(
                                tuple(-1, null, "projectKey"),
                                tuple(0, "T1", "tasks[0].status"),
                                tuple(0, "T1", "tasks[0].finish"),
                                tuple(0, "T1", "tasks[0].percentComplete"),
                                tuple(1, "T1", "tasks[1].id"),
                                tuple(1, "T1", "tasks[1].start"),
                                tuple(2, "T3", "tasks[2].start"),
                                tuple(2, "T3", "tasks[2].finish"),
                                tuple(0, "A1", "crewAssignments[0].taskId")));
    }

    @Test
    void refusesAValueOfTheWrongJsonTypeNamingItsPath() {
        String wrongType = VALID.replace("\"percentComplete\": 40", "\"percentComplete\": \"forty\"");

        assertThatThrownBy(() -> schedules.read(bytes(wrongType), "acme-planner"))
                .isInstanceOfSatisfying(InvalidPlannerScheduleException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(violation -> {
                            assertThat(violation.field()).isEqualTo("tasks[0].percentComplete");
                            assertThat(violation.message()).isEqualTo("expected a number");
                        }));
        assertThatThrownBy(() -> schedules.read(bytes("{\"projectKey\": "), "acme-planner"))
                .isInstanceOfSatisfying(InvalidPlannerScheduleException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(violation -> assertThat(violation.message())
                                .startsWith("not valid JSON")));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
