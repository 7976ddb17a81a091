package io.trestle.schedule.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.trestle.schedule.fixtures.CrosswalkEntries;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Schedules;
import io.trestle.schedule.fixtures.SchedulesTestResource;
import io.trestle.schedule.fixtures.TopicRecords;
import io.trestle.schedule.publish.Crosswalk;
import io.trestle.schema.topic.TopicNames;

/** The dry run: what a file would produce and publish, with nothing kept, published or quarantined. */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
class InspectTest {

    @Inject
    Crosswalk crosswalk;

    @Test
    void showsTheScheduleItsEventsAndRefusalsThenOnlyTheDifferencesFromThePublishedVersionPublishingNothing() {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);
        // A piling crew nobody mapped.
        String crew = "PILE-" + projectId;
        byte[] v1 = unmappedCrew(Schedules.harbour(Fixtures.HARBOUR_V1, projectId), crew);
        byte[] v2 = unmappedCrew(Schedules.harbour(Fixtures.HARBOUR_V2, projectId), crew);

        inspect(v1).statusCode(200)
                .body("format", equalTo("XER"))
                .body("projects", hasSize(1))
                .body("projects[0].projectKey", equalTo(projectId))
                .body("projects[0].tasks", hasSize(4))
                .body("projects[0].tasks[0].start", equalTo("2025-04-01T08:00:00"))
                .body("projects[0].crewAssignments", hasSize(4))
                .body("projects[0].equipmentReservations", hasSize(3))
                .body("projects[0].skippedAssignments[0].reason", equalTo("MATERIAL"))
                .body("projects[0].previous", nullValue())
                .body("projects[0].differences", hasSize(11))
                .body("projects[0].events", hasSize(10))
                .body("projects[0].events[0].topic", equalTo(TopicNames.SCHEDULE_TASK_SCHEDULED))
                .body("projects[0].events[0].key", equalTo(project))
                .body("projects[0].events[0].value.taskId", equalTo(project + "-Q1000"))
                .body("projects[0].refusals", hasSize(1))
                .body("projects[0].refusals[0].unresolvedIds[0]", equalTo("p6|crew|" + crew));
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).isEmpty();
        assertThat(TopicRecords.read(TopicNames.INTEGRATION_QUARANTINE,
                record -> record.value() != null && String.valueOf(record.value().get("payloadText")).contains(crew)))
                .isEmpty();
        given().header("X-Api-Key", ScheduleUploadTest.KEY).get("/api/v1/schedules/drafts").then()
                .body("projects.flatten().projectKey", not(hasItem(projectId)));

        String published = ScheduleUploadTest.upload(v1, null).statusCode(201).extract().path("draft.id");
        ScheduleUploadTest.publish(published).statusCode(200);
        int events = TopicRecords.ofProject(TopicNames.SCHEDULE_CREW_ASSIGNMENT, project).size();

        inspect(v2).statusCode(200)
                .body("projects[0].previous.revision", equalTo(projectId + "@2025-04-07T00:00"))
                .body("projects[0].previous.draftId", equalTo(published))
                .body("projects[0].previous.refusedChanges", equalTo(1))
                .body("projects[0].differences.find { it.change == 'TaskAmended' }.taskId", equalTo("Q1010"))
                .body("projects[0].differences.find { it.change == 'TaskAmended' }.fields[0].field",
                        equalTo("plannedStart"))
                .body("projects[0].differences.find { it.change == 'TaskAmended' }.fields[0].after",
                        equalTo("2025-04-17T08:00:00"))
                .body("projects[0].differences.find { it.change == 'TaskWithdrawn' }.withdrawal",
                        equalTo("DELETED"))
                .body("projects[0].differences.find { it.change == 'EquipmentReserved' && it.resourceId == 'EX-12' }"
                        + ".taskId", equalTo("Q1000"))
                // The nine changes of the update, and the crew still refused since the first version.
                .body("projects[0].differences", hasSize(10))
                .body("projects[0].refusals", hasSize(1));
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_CREW_ASSIGNMENT, project)).hasSize(events);
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_CHANGED, project)).isEmpty();
    }

    @Test
    void refusesAFileItCannotReadAndKeepsNothing() {
        inspect("{\"not\": \"a schedule\"}".getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .contentType("application/problem+json").body("title", equalTo("Unreadable schedule"));
    }

    private static ValidatableResponse inspect(byte[] file) {
        return given().header("X-Api-Key", ScheduleUploadTest.KEY).contentType("application/octet-stream").body(file)
                .post("/api/v1/schedules/inspect").then();
    }

    private static byte[] unmappedCrew(byte[] xer, String crew) {
        return new String(xer, StandardCharsets.UTF_8).replace("PILE-CREW", crew).getBytes(StandardCharsets.UTF_8);
    }
}
