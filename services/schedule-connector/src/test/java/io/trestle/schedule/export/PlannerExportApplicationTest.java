package io.trestle.schedule.export;

import static io.restassured.RestAssured.given;
import static io.trestle.schedule.export.MasterData.HARBOUR_QUAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.schedule.export.PlannerStandIn.Request;
import io.trestle.schedule.fixtures.SchedulesTestResource;
import io.trestle.testkit.TrestleStack;

/**
 * The export inside the application: started from configuration, delivering to both targets, with its backlog in
 * {@code /q/health/ready} and {@code /q/metrics} while the planner is unreachable.
 */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
@WithTestResource(PlannerExportTestResource.class)
class PlannerExportApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CHECK = "checks.find { it.name == 'planner-export' }.";

    @Test
    void whileThePlannerIsUnreachableTheBacklogShowsAndOnceItIsBackEveryUpdateArrivesInOrderOnce()
            throws IOException {
        // Looked up here, not injected: Quarkus checks every test class's injection points in every test application.
        Config config = ConfigProvider.getConfig();
        int plannerPort = config.getValue(PlannerExportTestResource.PLANNER_PORT, Integer.class);
        Path outbox = config.getValue("trestle.schedule-connector.export.outbox.directory", Path.class);
        String projects = config.getValue("trestle.schedule-connector.export.topics.projects", String.class);
        // Records published before the export's first start would be folded into one delivery of the latest state.
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then()
                .body(CHECK + "data.state", equalTo("RUNNING")));
        // Nothing listens on the planner's port yet: every attempt is refused.
        publish(projects, "Quay v1", "Quay v2", "Quay v3");

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + "status", equalTo("UP"))
                .body(CHECK + "data.state", equalTo("WAITING_FOR_PLANNER"))
                .body(CHECK + "data.lag", equalTo(3))
                .body(CHECK + "data.lastError", containsString("cannot reach the planner")));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("trestle_schedule_export_paused 1.0", "trestle_schedule_export_lag 3.0",
                "trestle_schedule_export_failures_total{reason=\"connection\"}");
        given().get("/q/health/live").then().statusCode(200).body("checks.name", not(hasItem("planner-export")));

        try (PlannerStandIn planner = PlannerStandIn.start(plannerPort)) {
            await().atMost(PATIENCE).until(() -> planner.accepted("project-42", "mspdi").size() == 3);
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body(CHECK + "data.state", equalTo("RUNNING"))
                    .body(CHECK + "data.lag", equalTo(0)));

            for (String format : List.of("pmxml", "mspdi")) {
                assertThat(planner.accepted("project-42", format)).extracting(Request::text).satisfiesExactly(
                        v1 -> assertThat(v1).contains("Quay v1"),
                        v2 -> assertThat(v2).contains("Quay v2"),
                        v3 -> assertThat(v3).contains("Quay v3"));
            }
        }
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("trestle_schedule_export_paused 0.0")
                .containsPattern("trestle_schedule_export_delivered_total\\{format=\"pmxml\",target=\"planner\"} 3.0");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                    "project-42.pmxml.0000000001.xml", "project-42.mspdi.0000000001.xml",
                    "project-42.pmxml.0000000002.xml", "project-42.mspdi.0000000002.xml",
                    "project-42.pmxml.0000000003.xml", "project-42.mspdi.0000000003.xml");
        }
    }

    private static void publish(String projects, String... names) {
        try (KafkaProducer<String, SpecificRecord> producer = TrestleStack.kafkaAndRegistry().avro().producer()) {
            for (String name : names) {
                producer.send(new ProducerRecord<>(projects, HARBOUR_QUAY,
                        MasterData.project(HARBOUR_QUAY, "HQ-2026", name, null))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the test projects", e);
        }
    }
}
