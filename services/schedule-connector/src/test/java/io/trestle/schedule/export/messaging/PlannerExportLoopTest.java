package io.trestle.schedule.export.messaging;

import static io.trestle.schedule.export.MasterData.HARBOUR_QUAY;
import static io.trestle.schedule.export.MasterData.harbourQuayAndDepot;
import static io.trestle.schedule.export.MasterData.project;
import static io.trestle.schedule.export.MasterData.task;
import static io.trestle.schedule.export.messaging.ExportHarness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schedule.export.MasterData;
import io.trestle.schedule.export.MasterData.Published;
import io.trestle.schedule.export.PlannerStandIn;
import io.trestle.schedule.export.PlannerStandIn.Request;
import io.trestle.schedule.export.files.ExportFormat;
import io.trestle.schedule.export.files.SkeletonFiles;
import io.trestle.schedule.export.health.ExportStatus;
import io.trestle.schedule.export.health.PlannerExportHealthCheck;
import io.trestle.testkit.TrestleStack;

/** The export loop on the real broker and registry, delivering to a planner stand-in. */
class PlannerExportLoopTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafkaAndRegistry();

    private final PlannerStandIn planner = PlannerStandIn.start();
    private final ExportHarness export = new ExportHarness(stack).planner(planner.url());

    @AfterEach
    void stop() throws InterruptedException {
        export.close();
        planner.close();
    }

    @Test
    void aFirstStartDeliversEveryProjectOnceAndARestartNothingThePlannerHas() throws Exception {
        List<RecordMetadata> existing = export.publish(harbourQuayAndDepot().toArray(Published[]::new));
        PlannerExportLoop first = export.start();
        export.awaitCommitted(existing);

        assertThat(planner.requests()).extracting(Request::projectKey, Request::format).containsExactlyInAnyOrder(
                tuple("project-42", "pmxml"),
                tuple("project-42", "mspdi"),
                tuple("project-43", "pmxml"),
                tuple("project-43", "mspdi"));
        Request quay = planner.accepted("project-42", "pmxml").get(0);
        byte[] expected = new SkeletonFiles().write(MasterData.fold(harbourQuayAndDepot()).skeleton(HARBOUR_QUAY)
                .orElseThrow(), ExportFormat.PMXML).bytes();
        assertThat(quay.body()).isEqualTo(expected);
        assertThat(quay.path()).isEqualTo("/import/pmxml");
        assertThat(quay.authorization()).isEqualTo("Bearer test-token");
        assertThat(quay.idempotencyKey()).startsWith("project-42-").hasSize("project-42-".length() + 64);
        assertThat(quay.contentDisposition())
                .isEqualTo("attachment; filename=\"project-42.pmxml.%010d.xml\"".formatted(quay.version()));

        export.stop(first);
        export.start();
        // Only the allocated hours change: nothing the planner sees.
        export.awaitCommitted(export.publish(task(task("111", HARBOUR_QUAY, "101", "Clearing")
                .setAllocatedHours(80.0).build())));
        assertThat(planner.requests()).hasSize(4);

        export.publish(task(task("103", HARBOUR_QUAY, null, "Deck slab").build()));
        await().atMost(PATIENCE).until(() -> planner.accepted("project-42", "pmxml").size() == 2);
        Request renamed = planner.accepted("project-42", "pmxml").get(1);
        assertThat(renamed.text()).contains("Deck slab");
        assertThat(renamed.version()).isGreaterThan(quay.version());
        assertThat(planner.requests()).hasSize(6);
    }

    @Test
    void updatesWaitInKafkaWhileThePlannerIsDownAndArriveAfterwardsInOrderOnceEach() {
        export.start();
        planner.answer(503, null);

        export.publish(project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Quay v1", null)),
                project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Quay v2", null)),
                project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Quay v3", null)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            ExportStatus.Snapshot waiting = export.status.snapshot();
            assertThat(waiting.state()).isEqualTo(ExportStatus.State.WAITING_FOR_PLANNER);
            assertThat(waiting.attempt()).isGreaterThanOrEqualTo(2);
            assertThat(waiting.lag()).isEqualTo(3);
            assertThat(waiting.lastError()).contains("HTTP 503");
            assertThat(export.meter("trestle.schedule.export.lag")).isEqualTo(3.0);
            assertThat(export.meter("trestle.schedule.export.paused")).isEqualTo(1.0);
            assertThat(export.meter("trestle.schedule.export.failures", "reason", "server_error"))
                    .isGreaterThanOrEqualTo(2.0);
        });
        HealthCheckResponse health = new PlannerExportHealthCheck(export.status).call();
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData().orElseThrow()).containsEntry("state", "WAITING_FOR_PLANNER")
                .containsEntry("lag", 3L);

        planner.answer(200, null);

        await().atMost(PATIENCE).until(() -> export.status.snapshot().lag() == 0
                && planner.accepted("project-42", "mspdi").size() == 3);
        for (String format : List.of("pmxml", "mspdi")) {
            List<Request> delivered = planner.accepted("project-42", format);
            assertThat(delivered).extracting(Request::text).satisfiesExactly(
                    v1 -> assertThat(v1).contains("Quay v1"),
                    v2 -> assertThat(v2).contains("Quay v2"),
                    v3 -> assertThat(v3).contains("Quay v3"));
            assertThat(delivered).extracting(Request::version).isSorted().doesNotHaveDuplicates();
            assertThat(delivered).extracting(Request::idempotencyKey).doesNotHaveDuplicates();
        }
        assertThat(export.status.snapshot().state()).isEqualTo(ExportStatus.State.RUNNING);
        assertThat(export.meter("trestle.schedule.export.paused")).isZero();
        assertThat(export.meter("trestle.schedule.export.delivered", "target", "planner", "format", "pmxml"))
                .isEqualTo(3.0);
    }

    @Test
    void aFileThePlannerRefusesIsQuarantinedAndTheNextUpdateStillGoesOut() {
        planner.answer(request -> request.text().contains("Poison pill") ? 422 : 200);
        export.start();

        export.publish(project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Poison pill", null)),
                project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Quay cured", null)));

        List<GenericRecord> quarantined = export.awaitQuarantined(2);
        assertThat(quarantined).allSatisfy(entry -> {
            assertThat(entry.get("reasonCode")).hasToString("PLANNER_REJECTED");
            assertThat(entry.get("detectedBy")).hasToString("schedule-connector");
            assertThat(entry.get("sourceTopic")).hasToString(export.projectsTopic());
            assertThat(text((ByteBuffer) entry.get("payload"))).contains("Poison pill");
            assertThat(entry.get("contentType")).hasToString("application/xml");
            assertThat(entry.get("message").toString()).contains("HTTP 422", "Idempotency-Key project-42-");
        });
        assertThat(quarantined).extracting(entry -> entry.get("sourceEndpoint").toString())
                .allMatch(name -> name.startsWith("project-42."));
        await().atMost(PATIENCE).until(() -> planner.accepted("project-42", "mspdi").size() == 1);
        assertThat(planner.accepted("project-42", "pmxml")).singleElement()
                .satisfies(cured -> assertThat(cured.text()).contains("Quay cured"));
        assertThat(export.meter("trestle.schedule.export.failures", "reason", "rejected")).isEqualTo(2.0);
        assertThat(export.status.snapshot().state()).isEqualTo(ExportStatus.State.RUNNING);
    }

    @Test
    void aCrashBetweenDeliveryAndCommitSendsTheSameBytesWithTheSameIdempotencyKey() throws Exception {
        PlannerExportLoop crashed = export.start();
        List<RecordMetadata> sent = export.publish(project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Quay",
                null)));
        export.awaitCommitted(sent);
        export.stop(crashed);
        export.uncommit(sent.get(0));

        export.start();

        await().atMost(PATIENCE).until(() -> planner.accepted("project-42", "pmxml").size() == 2);
        List<Request> twice = planner.accepted("project-42", "pmxml");
        assertThat(twice.get(1).idempotencyKey()).isEqualTo(twice.get(0).idempotencyKey());
        assertThat(twice.get(1).body()).isEqualTo(twice.get(0).body());
    }

    @Test
    void aPlannerThatRefusesTheCredentialsFailsTheHealthCheckUntilItAcceptsThem() {
        planner.answer(401, null);
        export.start();

        export.publish(project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Quay", null)));

        await().atMost(PATIENCE).until(() -> export.status.snapshot().state() == ExportStatus.State.FAILED);
        assertThat(new PlannerExportHealthCheck(export.status).call().getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(export.meter("trestle.schedule.export.failures", "reason", "refused")).isPositive();
        assertThat(export.meter("trestle.schedule.export.failures", "reason", "rejected")).isZero();

        planner.answer(200, null);

        await().atMost(PATIENCE).until(() -> planner.accepted("project-42", "mspdi").size() == 1);
        await().atMost(PATIENCE).until(() -> export.status.snapshot().state() == ExportStatus.State.RUNNING);
    }

    private static String text(ByteBuffer bytes) {
        byte[] content = new byte[bytes.remaining()];
        bytes.duplicate().get(content);
        return new String(content, StandardCharsets.UTF_8);
    }
}
