package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestSchedules.MONDAY;
import static io.trestle.odoosink.TestSchedules.cancelled;
import static io.trestle.odoosink.TestSchedules.change;
import static io.trestle.odoosink.TestSchedules.changed;
import static io.trestle.odoosink.TestSchedules.pending;
import static io.trestle.odoosink.TestSchedules.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.OdooTransientException;
import io.trestle.odoo.client.RetryPolicy;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.odoosink.domain.SinkResult;

/** Approved schedule changes onto tasks of the Odoo stand-in, through the real protocol. */
class TaskScheduleWriterTest {

    private static final String MODEL = "project.task";
    private static final Instant FRIDAY = Instant.parse("2026-12-04T16:00:00Z");

    private OdooStandIn odoo;
    private OdooClient client;
    private TaskScheduleWriter writer;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        client = OdooClient.create(OdooClientConfig
                .of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey())
                .withRetry(RetryPolicy.none()));
        writer = new TaskScheduleWriter(client);
    }

    @AfterEach
    void stop() {
        client.close();
        odoo.close();
    }

    @Test
    void scheduledTasksGetTheirDeadlinesAndHoursInOneCall() {
        int excavation = task("Excavation");
        int formwork = task("Formwork");

        List<SinkResult> results = writer.writeScheduled(List.of(
                pending(scheduled(id(excavation)).setPlannedHours(40.0).build()),
                pending(scheduled(id(formwork)).setPlannedEnd(Instant.parse("2026-12-11T12:30:00Z")).build())));

        assertThat(results).extracting(result -> ((SinkResult.Posted) result).odooId())
                .containsExactly((long) excavation, (long) formwork);
        assertThat(read(excavation)).containsEntry("date_deadline", "2026-12-04 16:00:00")
                .containsEntry("allocated_hours", 40.0);
        assertThat(read(formwork)).containsEntry("date_deadline", "2026-12-11 12:30:00")
                .containsEntry("allocated_hours", 0.0);
        assertThat(odoo.callCount(MODEL, "load")).as("one load per column set").isEqualTo(2);
    }

    @Test
    void hoursStayAsOdooHasThemUnlessTheEventSpeaksForThem() {
        int task = task("Excavation");
        writer.writeScheduled(List.of(pending(scheduled(id(task)).setPlannedHours(40.0).build())));

        writer.writeScheduled(List.of(pending(scheduled(id(task)).build())));
        writer.writeChanged(List.of(pending(changed(id(task), MONDAY, FRIDAY.plusSeconds(86_400),
                change("plannedEnd", "2026-12-04T16:00:00Z", "2026-12-05T16:00:00Z")).build())));
        assertThat(read(task)).containsEntry("date_deadline", "2026-12-05 16:00:00")
                .containsEntry("allocated_hours", 40.0);

        writer.writeChanged(List.of(
                pending(changed(id(task), MONDAY, null, change("plannedEnd", "2026-12-05T16:00:00Z", null),
                        change("plannedHours", "40", "32.5")).build())));
        assertThat(read(task)).containsEntry("date_deadline", false).containsEntry("allocated_hours", 32.5);
    }

    @Test
    void theLaterOfTwoChangesOfOneTaskInABatchWins() {
        int task = task("Excavation");

        List<SinkResult> results = writer.writeChanged(List.of(
                pending(changed(id(task), MONDAY, FRIDAY, change("plannedHours", "40", "20")).build()),
                pending(changed(id(task), MONDAY, FRIDAY.plusSeconds(3600)).build()),
                pending(changed(id(task), MONDAY, FRIDAY, change("plannedHours", "20", "24")).build())));

        assertThat(results).allMatch(SinkResult.Posted.class::isInstance);
        assertThat(read(task)).containsEntry("date_deadline", "2026-12-04 16:00:00")
                .containsEntry("allocated_hours", 24.0);
    }

    @Test
    void aCancelledTaskIsMarkedCancelledAndKept() {
        int task = task("Excavation");

        List<SinkResult> results = writer.writeCancelled(List.of(pending(cancelled(id(task)))));

        assertThat(results).singleElement().isInstanceOf(SinkResult.Posted.class);
        assertThat(read(task)).containsEntry("state", "1_canceled").containsEntry("active", true);
    }

    @Test
    void aTaskOdooDoesNotHaveIsRejectedWhileItsNeighboursAreWritten() {
        int before = task("Excavation");
        int after = task("Formwork");

        List<SinkResult> results = writer.writeScheduled(List.of(pending(scheduled(id(before)).build()),
                pending(scheduled("987654").build()), pending(scheduled(id(after)).build())));

        assertThat(results.get(1)).isInstanceOfSatisfying(SinkResult.Rejected.class, rejected -> {
            assertThat(rejected.reasonCode()).isEqualTo("ODOO_REJECTED");
            assertThat(rejected.errorName()).isEqualTo("odoo.exceptions.MissingError");
            assertThat(rejected.input().requestId()).isEqualTo("987654");
        });
        assertThat(List.of(results.get(0), results.get(2))).allMatch(SinkResult.Posted.class::isInstance);
        assertThat(read(before)).containsEntry("date_deadline", "2026-12-04 16:00:00");
        assertThat(read(after)).containsEntry("date_deadline", "2026-12-04 16:00:00");
    }

    @Test
    void taskIdsThatAreNotOdooIdsAreRefusedWithoutACall() {
        List<SinkResult> results = writer.writeCancelled(List.of(pending(cancelled("P6-A1010"))));

        assertThat(results).singleElement().isInstanceOfSatisfying(SinkResult.Rejected.class,
                rejected -> assertThat(rejected.reasonCode()).isEqualTo("UNKNOWN_CANONICAL_ID"));
        assertThat(odoo.callCounts()).doesNotContainKey(MODEL);
    }

    @Test
    void odooFailingForItsOwnReasonsIsNotTheEventsFaultAndPropagates() {
        int task = task("Excavation");
        odoo.faults().serializationFailures(1);

        assertThatThrownBy(() -> writer.writeScheduled(List.of(pending(scheduled(id(task)).build()))))
                .isInstanceOf(OdooTransientException.class);
    }

    private int task(String name) {
        return odoo.seed(MODEL, Map.of("name", name, "project_id", 1));
    }

    private Map<String, Object> read(int task) {
        return odoo.records(MODEL).stream().filter(row -> row.get("id").equals(task)).findFirst().orElseThrow();
    }

    private static String id(int task) {
        return Integer.toString(task);
    }
}
