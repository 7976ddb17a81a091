package io.trestle.schedule.rest;

import static io.restassured.RestAssured.given;
import static io.trestle.schedule.fixtures.TopicRecords.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.trestle.rest.RequestSignatures;
import io.trestle.schedule.fixtures.CrosswalkEntries;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Schedules;
import io.trestle.schedule.fixtures.SchedulesTestResource;
import io.trestle.schedule.fixtures.TopicRecords;
import io.trestle.schedule.publish.Crosswalk;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.topic.TopicNames;

/**
 * Schedule files through the API on the real broker and registry stand-in: upload, draft, publish, and what lands on
 * the topics.
 */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
class ScheduleUploadTest {

    static final String KEY = "test-key";

    @Inject
    Crosswalk crosswalk;

    @ConfigProperty(name = "trestle.schedule-connector.data-dir")
    Path dataDir;

    @Test
    void anUploadIsADraftUntilPublishedThenTheNextVersionPublishesExactlyItsDifferences() {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);

        String v1 = upload(Schedules.harbour(Fixtures.HARBOUR_V1, projectId), "harbour v1.xer").statusCode(201)
                .body("created", equalTo(true))
                .body("draft.status", equalTo("DRAFT"))
                .body("draft.format", equalTo("XER"))
                .body("draft.fileName", equalTo("harbour v1.xer"))
                .body("draft.projects[0].projectKey", equalTo(projectId))
                .body("draft.projects[0].tasks", equalTo(4))
                .body("published", hasSize(0))
                .extract().path("draft.id");
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).as("a draft publishes nothing")
                .isEmpty();
        given().header("X-Api-Key", KEY).get("/api/v1/schedules/drafts").then().statusCode(200)
                .body("id", hasItem(v1));

        JsonPath first = publish(v1).statusCode(200)
                .body("draft.status", equalTo("PUBLISHED"))
                .body("published[0].published.TaskScheduled", equalTo(4))
                .body("published[0].published.CrewAssignmentChanged", equalTo(4))
                .body("published[0].published.ReservationChanged", equalTo(3))
                .body("published[0].refused", hasSize(0))
                .extract().jsonPath();

        List<GenericRecord> scheduled = TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project);
        assertThat(scheduled).extracting(event -> field(event, "taskId")).containsExactly(project + "-Q1000",
                project + "-Q1010", project + "-Q1020", project + "-Q1030");
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_CREW_ASSIGNMENT, project))
                .extracting(event -> field(event, "crewId"), event -> field(event, "change")).containsExactly(
                        tuple("crew-PILE-CREW", "ASSIGNED"), tuple("crew-STEEL-CREW", "ASSIGNED"),
                        tuple("crew-CONC-CREW", "ASSIGNED"), tuple("crew-STEEL-CREW", "ASSIGNED"));
        assertThat(TopicRecords.ofProject(TopicNames.EQUIPMENT_RESERVATION, project))
                .extracting(event -> field(event, "assetId"), event -> field(event, "status")).containsExactly(
                        tuple("asset-PR-300", "CONFIRMED"), tuple("asset-CR-50", "CONFIRMED"),
                        tuple("asset-CR-50", "CONFIRMED"));
        assertThat(first.getList("published[0].eventIds", String.class))
                .containsAll(scheduled.stream().map(event -> field(event, "metadata", "eventId")).toList());

        String v2 = upload(Schedules.harbour(Fixtures.HARBOUR_V2, projectId), "harbour v2.xer").statusCode(201)
                .extract().path("draft.id");
        publish(v2).statusCode(200)
                .body("published[0].previousRevision", equalTo(projectId + "@2025-04-07T00:00"))
                .body("published[0].published.TaskChanged", equalTo(1))
                .body("published[0].published.CrewAssignmentChanged", equalTo(4))
                .body("published[0].published.ReservationChanged", equalTo(3))
                .body("published[0].published.TaskCancelled", equalTo(1))
                .body("published[0].published.TaskScheduled", equalTo(null));

        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).hasSize(4);
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_CHANGED, project)).singleElement()
                .satisfies(moved -> {
                    assertThat(field(moved, "taskId")).isEqualTo(project + "-Q1010");
                    // 08:00 in London in April is 07:00 UTC: the tie rods move two days later.
                    assertThat(moved.get("plannedStart"))
                            .isEqualTo(Instant.parse("2025-04-17T07:00:00Z").toEpochMilli());
                });
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_CANCELLED, project))
                .extracting(event -> field(event, "taskId"), event -> field(event, "reason"))
                .containsExactly(tuple(project + "-Q1030", "Deleted from the schedule"));
        assertThat(after(TopicRecords.ofProject(TopicNames.SCHEDULE_CREW_ASSIGNMENT, project), 4))
                .extracting(event -> field(event, "crewId"), event -> field(event, "change")).containsExactly(
                        tuple("crew-CONC-CREW", "RELEASED"), tuple("crew-STEEL-CREW", "RELEASED"),
                        tuple("crew-STEEL-CREW", "ASSIGNED"), tuple("crew-CONC-SUB", "ASSIGNED"));
        assertThat(after(TopicRecords.ofProject(TopicNames.EQUIPMENT_RESERVATION, project), 3))
                .extracting(event -> field(event, "assetId"), event -> field(event, "status"),
                        event -> field(event, "taskId"))
                .containsExactlyInAnyOrder(tuple("asset-CR-50", "CANCELLED", project + "-Q1030"),
                        tuple("asset-EX-12", "CONFIRMED", project + "-Q1000"),
                        tuple("asset-CR-50", "CONFIRMED", project + "-Q1010"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("trestle_schedule_events_published_total{type=\"TaskChanged\"}"))
                .body(containsString("trestle_schedule_drafts "))
                .body(containsString("trestle_schedule_last_publish_seconds "));
    }

    @Test
    void aClientWithASigningSecretUploadsOnlyWithAValidSignatureOverTheRawFile() throws Exception {
        byte[] file = Schedules.harbour(Fixtures.HARBOUR_V1, "HQ-" + UUID.randomUUID());
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("signed-client-secret-0123456789".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(file));

        given().header("X-Api-Key", "signed-key").body(file).post("/api/v1/schedules").then().statusCode(401)
                .body("title", equalTo("Missing signature timestamp"));
        given().header("X-Api-Key", "signed-key").header(RequestSignatures.TIMESTAMP_HEADER, timestamp)
                .header(RequestSignatures.SIGNATURE_HEADER, signature).contentType("application/octet-stream")
                .body(file).post("/api/v1/schedules").then().statusCode(201)
                .body("draft.client", equalTo("signed"));
    }

    @Test
    void theSameFileTwiceIsOneDraftAndPublishingItAgainPublishesNothing() {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);
        byte[] file = Schedules.harbour(Fixtures.HARBOUR_V1, projectId);
        String id = upload(file, null).statusCode(201).extract().path("draft.id");
        publish(id).statusCode(200).body("published[0].unchanged", equalTo(false));
        int published = publishedRecords(project);

        upload(file, "renamed.xml").statusCode(200).body("created", equalTo(false)).body("draft.id", equalTo(id))
                .body("draft.status", equalTo("PUBLISHED"));
        publish(id).statusCode(200)
                .body("published[0].unchanged", equalTo(true))
                .body("published[0].eventIds", hasSize(0));

        assertThat(publishedRecords(project)).isEqualTo(published);
    }

    @Test
    void publishesOnArrivalAP6ScheduleWhoseProjectCodeApprovesIt() {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);

        upload(Schedules.withP6ProjectCode(Schedules.harbour(Fixtures.HARBOUR_V1, projectId), "Approved"), null)
                .statusCode(201)
                .body("draft.projects[0].approvedBy", equalTo("P6 project code 'Schedule Status' is 'Approved'"))
                .body("draft.status", equalTo("PUBLISHED"))
                .body("published[0].published.TaskScheduled", equalTo(4));

        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).hasSize(4);
    }

    @Test
    void quarantinesTheChangesOfAnUnmappedCrewAndPublishesThemWhenTheDraftIsPublishedAfterTheMappingIsSaved() {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        // A crew only this test uses: the other crews are mapped for every test.
        byte[] file = new String(Schedules.harbour(Fixtures.HARBOUR_V1, projectId), StandardCharsets.UTF_8)
                .replace("PILE-CREW", "PILE-" + projectId).getBytes(StandardCharsets.UTF_8);
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);
        String id = upload(file, null).statusCode(201).extract().path("draft.id");

        String quarantineId = publish(id).statusCode(200)
                .body("published[0].published.CrewAssignmentChanged", equalTo(3))
                .body("published[0].refused", hasSize(1))
                .body("published[0].refused[0].change", equalTo("CrewAssigned"))
                .body("published[0].refused[0].reasonCode", equalTo("UNMAPPED_EXTERNAL_ID"))
                .body("published[0].refused[0].unresolvedIds[0]", equalTo("p6|crew|PILE-" + projectId))
                .extract().path("published[0].refused[0].quarantineId");
        assertThat(TopicRecords.read(TopicNames.INTEGRATION_QUARANTINE,
                record -> quarantineId.equals(field(record.value(), "metadata", "eventId"))))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.key()).isEqualTo("schedule-connector");
                    assertThat(field(entry.value(), "sourceEndpoint")).isEqualTo("/api/v1/schedules/drafts/" + id);
                });

        CrosswalkEntries.map(crosswalk, new ExternalId("p6", "crew", "PILE-" + projectId),
                "crew", "crew-pile-" + projectId);
        publish(id).statusCode(200)
                .body("published[0].published.CrewAssignmentChanged", equalTo(1))
                .body("published[0].refused", hasSize(0));

        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_CREW_ASSIGNMENT, project))
                .extracting(event -> field(event, "crewId")).hasSize(4).endsWith("crew-pile-" + projectId);
        publish(id).statusCode(200).body("published[0].unchanged", equalTo(true));
    }

    @Test
    void refusesAFileItCannotReadKeepingItWithItsReasonAndQuarantiningIt() throws Exception {
        byte[] notASchedule = ("activity;start;finish\n" + UUID.randomUUID() + ";2025-04-01;2025-04-14\n")
                .getBytes(StandardCharsets.UTF_8);

        String detail = given().header("X-Api-Key", KEY).contentType("text/csv").queryParam("filename", "plan.csv")
                .body(notASchedule).post("/api/v1/schedules").then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unreadable schedule"))
                .body("detail", containsString("Not a Primavera P6 XER, P6 XML (PMXML) or MS Project XML (MSPDI) "
                        + "file; it starts with 'activity;start"))
                .extract().path("detail");

        Path kept;
        try (Stream<Path> files = Files.list(dataDir.resolve("rejected"))) {
            kept = files.filter(file -> file.getFileName().toString().endsWith("plan.csv")
                    && detail.contains(file.getFileName().toString())).findFirst().orElseThrow();
        }
        assertThat(kept).hasBinaryContent(notASchedule);
        assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".reason.txt")))
                .contains("MALFORMED_PAYLOAD", "Not a Primavera P6 XER");
        assertThat(TopicRecords.read(TopicNames.INTEGRATION_QUARANTINE,
                record -> record.value() != null && kept.toString().equals(field(record.value(), "metadata",
                        "sourceRecordId"))))
                .singleElement().satisfies(entry -> {
                    assertThat(field(entry.value(), "reasonCode")).isEqualTo("MALFORMED_PAYLOAD");
                    assertThat(field(entry.value(), "contentType")).startsWith("text/csv");
                    assertThat(field(entry.value(), "sourceEndpoint")).isEqualTo("/api/v1/schedules");
                    assertThat(field(entry.value(), "payloadText"))
                            .isEqualTo(new String(notASchedule, StandardCharsets.UTF_8));
                    assertThat(detail).contains(field(entry.value(), "metadata", "eventId"));
                });
        given().header("X-Api-Key", KEY).get("/api/v1/schedules/drafts").then().statusCode(200)
                .body("fileName", not(hasItem("plan.csv")));
    }

    @Test
    void refusesRequestsWithoutAValidApiKey() {
        given().body(Fixtures.bytes(Fixtures.HARBOUR_V1)).post("/api/v1/schedules").then().statusCode(401)
                .contentType("application/problem+json").body("title", equalTo("Missing API key"));
        given().header("X-Api-Key", "wrong").get("/api/v1/schedules/drafts").then().statusCode(401)
                .body("title", equalTo("Unknown API key"));
        given().post("/api/v1/schedules/drafts/" + "0".repeat(64) + "/publish").then().statusCode(401);
        given().body(Fixtures.bytes(Fixtures.HARBOUR_V1)).post("/api/v1/schedules/inspect").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/v1/schedules/webhook").then()
                .statusCode(401);
    }

    @Test
    void aDeletedDraftIsGone() {
        String id = upload(Schedules.harbour(Fixtures.HARBOUR_V1, "HQ-" + UUID.randomUUID()), null).statusCode(201)
                .extract().path("draft.id");

        given().header("X-Api-Key", KEY).delete("/api/v1/schedules/drafts/" + id).then().statusCode(204);

        given().header("X-Api-Key", KEY).get("/api/v1/schedules/drafts/" + id).then().statusCode(404);
        given().header("X-Api-Key", KEY).delete("/api/v1/schedules/drafts/" + id).then().statusCode(404);
    }

    @Test
    void answersAnUnknownDraftWith404() {
        given().header("X-Api-Key", KEY).post("/api/v1/schedules/drafts/" + "0".repeat(64) + "/publish").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("X-Api-Key", KEY).get("/api/v1/schedules/drafts/../../etc").then().statusCode(404);
    }

    @Test
    void isReadyOnceThePublishedVersionsAndTheCrosswalkAreRead() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'schedules-in' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'schedules-in' }.data.publishedVersionsRead", equalTo(true));
    }

    static ValidatableResponse upload(byte[] file, String fileName) {
        RequestSpecification request = given().header("X-Api-Key", KEY).contentType("application/octet-stream")
                .body(file);
        if (fileName != null) {
            request = request.queryParam("filename", fileName);
        }
        return request.post("/api/v1/schedules").then();
    }

    static ValidatableResponse publish(String draftId) {
        return given().header("X-Api-Key", KEY).post("/api/v1/schedules/drafts/" + draftId + "/publish").then();
    }

    /** The records published after the first {@code count}. */
    private static List<GenericRecord> after(List<GenericRecord> records, int count) {
        return records.subList(count, records.size());
    }

    private static int publishedRecords(String project) {
        return List.of(TopicNames.SCHEDULE_TASK_SCHEDULED, TopicNames.SCHEDULE_TASK_CHANGED,
                TopicNames.SCHEDULE_TASK_CANCELLED, TopicNames.SCHEDULE_CREW_ASSIGNMENT,
                TopicNames.EQUIPMENT_RESERVATION).stream()
                .mapToInt(topic -> TopicRecords.ofProject(topic, project).size()).sum();
    }
}
