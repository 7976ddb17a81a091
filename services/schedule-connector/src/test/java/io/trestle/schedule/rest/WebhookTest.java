package io.trestle.schedule.rest;

import static io.restassured.RestAssured.given;
import static io.trestle.schedule.fixtures.TopicRecords.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.trestle.schedule.fixtures.CrosswalkEntries;
import io.trestle.schedule.fixtures.SchedulesTestResource;
import io.trestle.schedule.fixtures.TopicRecords;
import io.trestle.schedule.publish.Crosswalk;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.topic.TopicNames;

/** The webhook of SaaS planners, through the same draft and publish path as files. */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
class WebhookTest {

    private static final String PLANNER = "planner:acme-planner";

    @Inject
    Crosswalk crosswalk;

    @Test
    void anApprovedScheduleIsPublishedOnArrivalUnderThePlannersSourceSystem() {
        String projectKey = "PLAN-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        mapPlannerSchedule(projectKey, project);

        post(schedule(projectKey, true, "2025-04-14T17:00")).statusCode(201)
                .body("draft.source", equalTo("WEBHOOK"))
                .body("draft.client", equalTo("acme-planner"))
                .body("draft.format", equalTo("PLANNER_JSON"))
                .body("draft.status", equalTo("PUBLISHED"))
                .body("published[0].sourceSystem", equalTo(PLANNER))
                .body("published[0].published.TaskScheduled", equalTo(1))
                .body("published[0].published.CrewAssignmentChanged", equalTo(1))
                .body("published[0].published.ReservationChanged", equalTo(1));

        GenericRecord scheduled = TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project).get(0);
        assertThat(field(scheduled, "taskId")).isEqualTo("task-" + projectKey);
        assertThat(field(scheduled, "metadata", "sourceSystem")).isEqualTo(PLANNER);
        assertThat(TopicRecords.ofProject(TopicNames.EQUIPMENT_RESERVATION, project))
                .extracting(event -> field(event, "assetId")).containsExactly("asset-" + projectKey);
    }

    @Test
    void aScheduleWithoutApprovalWaitsAsADraftAndItsNextVersionPublishesOnlyTheMovedDates() {
        String projectKey = "PLAN-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        mapPlannerSchedule(projectKey, project);
        String id = post(schedule(projectKey, false, "2025-04-14T17:00")).statusCode(201)
                .body("draft.status", equalTo("DRAFT"))
                .body("published", hasSize(0))
                .extract().path("draft.id");
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).isEmpty();
        ScheduleUploadTest.publish(id).statusCode(200).body("published[0].published.TaskScheduled", equalTo(1));

        post(schedule(projectKey, true, "2025-04-16T17:00")).statusCode(201)
                .body("published[0].published.TaskChanged", equalTo(1))
                .body("published[0].published.CrewAssignmentChanged", equalTo(null));

        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_CHANGED, project)).singleElement()
                .satisfies(changed -> assertThat(field(changed, "changes")).contains("plannedEnd"));
    }

    @Test
    void refusesAnInvalidScheduleNamingItemAndFieldAndKeepsNothing() {
        String invalid = """
                {"projectKey": "PLAN-X", "tasks": [
                  {"id": "T1", "name": "Drive piles", "start": "2025-04-14T08:00", "finish": "2025-04-01T17:00"}],
                 "crewAssignments": [{"id": "A1", "taskId": "T2", "resourceId": "CREW-1",
                   "start": "2025-04-01T08:00", "finish": "2025-04-02T17:00"}]}
                """;

        post(invalid).statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Invalid schedule"))
                .body("violations.field", hasItems("tasks[0].finish", "crewAssignments[0].taskId"))
                .body("violations.find { it.field == 'tasks[0].finish' }.itemId", equalTo("T1"))
                .body("violations.find { it.field == 'tasks[0].finish' }.item", equalTo(0));
        post("{\"projectKey\": \"PLAN-X\", \"tasks\": [{\"id\": \"T1\", \"workHours\": \"lots\"}]}").statusCode(422)
                .body("violations[0].field", equalTo("tasks[0].workHours"))
                .body("violations[0].message", equalTo("expected a number"));
        given().header("X-Api-Key", ScheduleUploadTest.KEY).get("/api/v1/schedules/drafts").then()
                .body("findAll { it.projects[0].projectKey == 'PLAN-X' }", hasSize(0));
    }

    private static ValidatableResponse post(String body) {
        return given().header("X-Api-Key", "acme-key").contentType("application/json").body(body)
                .post("/api/v1/schedules/webhook").then();
    }

    private void mapPlannerSchedule(String projectKey, String project) {
        CrosswalkEntries.map(crosswalk, new ExternalId(PLANNER, "crew", "CREW-" + projectKey), "crew",
                "crew-" + projectKey);
        CrosswalkEntries.map(crosswalk, new ExternalId(PLANNER, "equipment", "EX-" + projectKey), "equipment",
                "asset-" + projectKey);
        CrosswalkEntries.map(crosswalk, new ExternalId(PLANNER, "activity", projectKey + ":T1"), "task",
                "task-" + projectKey);
        CrosswalkEntries.map(crosswalk, new ExternalId(PLANNER, "project", projectKey), "project", project);
    }

    private static String schedule(String projectKey, boolean approved, String finish) {
        return """
                {
                  "projectKey": "%1$s",
                  "projectName": "Quay extension",
                  "approved": %2$s,
                  "wbs": [{"code": "PIL", "name": "Piling"}],
                  "tasks": [{"id": "T1", "name": "Drive sheet piles", "wbsCode": "PIL", "start": "2025-04-07T08:00",
                             "finish": "%3$s", "percentComplete": 0, "workHours": 80}],
                  "crewAssignments": [{"id": "A1", "taskId": "T1", "resourceId": "CREW-%1$s",
                                       "start": "2025-04-07T08:00", "finish": "2025-04-14T17:00", "workHours": 80}],
                  "equipmentReservations": [{"id": "A2", "taskId": "T1", "resourceId": "EX-%1$s",
                                             "start": "2025-04-07T08:00", "finish": "2025-04-14T17:00"}]
                }
                """.formatted(projectKey, approved, finish);
    }
}
