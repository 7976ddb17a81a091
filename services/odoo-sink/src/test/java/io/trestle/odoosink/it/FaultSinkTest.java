package io.trestle.odoosink.it;

import static io.trestle.odoosink.TestFaults.again;
import static io.trestle.odoosink.TestFaults.breakdown;
import static io.trestle.odoosink.TestWorkOrders.changed;
import static io.trestle.odoosink.TestWorkOrders.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.quarkus.TrestleTestResource;

/** Breakdowns into maintenance requests, against the real broker, the registry stand-in and the Odoo stand-in. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(OdooStandInResource.class)
class FaultSinkTest {

    private static final String MODEL = MaintenanceRecords.MODEL;

    @InjectOdoo
    OdooStandIn odoo;

    @Test
    void aBreakdownReportedAgainAndRaisedAgainWhileItsRequestIsOpenOpensOneRequest() {
        int equipment = equipment();
        FaultReported first = breakdown("F-" + UUID.randomUUID(), Integer.toString(equipment));
        FaultReported reportedAgain = again(first, first.getFaultId());
        FaultReported raisedAgain = again(first, "F-" + UUID.randomUUID());

        List.of(first, reportedAgain, raisedAgain).forEach(this::send);

        long request = odooIds(outcome(first, "POSTED")).get(0);
        assertThat(odooIds(outcome(reportedAgain, "ALREADY_POSTED"))).containsExactly(request);
        assertThat(odooIds(outcome(raisedAgain, "ALREADY_POSTED"))).containsExactly(request);
        assertThat(requestsOn(equipment)).singleElement().satisfies(opened -> {
            assertThat(opened.get("name")).isEqualTo("Breakdown 1569-31: Engine derate");
            assertThat(opened.get("maintenance_type")).isEqualTo("corrective");
            assertThat(opened.get("priority")).isEqualTo("2");
            assertThat(opened.get("request_date")).isEqualTo("2026-11-26");
            assertThat(opened.get("done")).isEqualTo(false);
        });
    }

    @Test
    void aWarningOpensNothingAndTheBreakdownAfterItOpensTheOnlyRequest() {
        int equipment = equipment();
        FaultReported warning = breakdown("F-" + UUID.randomUUID(), Integer.toString(equipment));
        warning.setBreakdown(false);
        FaultReported breakdown = breakdown("F-" + UUID.randomUUID(), Integer.toString(equipment));

        send(warning);
        send(breakdown);

        long request = odooIds(outcome(breakdown, "POSTED")).get(0);
        assertThat(requestsOn(equipment)).extracting(row -> ((Number) row.get("id")).longValue())
                .containsExactly(request);
    }

    @Test
    void theWorkOrderOfABreakdownTakesItsRequestOverAndAReplayedFaultNeverReopensTheRepairedMachine() {
        int equipment = equipment();
        FaultReported fault = breakdown("F-" + UUID.randomUUID(), Integer.toString(equipment));
        send(fault);
        long request = odooIds(outcome(fault, "POSTED")).get(0);

        WorkOrderChanged opened = opened("WO-" + UUID.randomUUID(), Integer.toString(equipment));
        opened.setFaultId(fault.getFaultId());
        WorkOrderChanged closed = changed(opened, WorkOrderChange.CLOSED, WorkOrderStatus.DONE)
                .setClosedAt(Instant.parse("2026-11-26T16:45:00Z"))
                .build();
        List.of(opened, closed).forEach(workOrder -> SinkTopics
                .send(TrestleTopic.EQUIPMENT_WORK_ORDER.topicName(), workOrder.getAssetId(), workOrder));
        assertThat(SinkTopics.awaitOutcomes(opened.getWorkOrderId(), 2))
                .allSatisfy(outcome -> assertThat(odooIds(outcome)).containsExactly(request));

        send(again(fault, fault.getFaultId()));
        FaultReported nextBreakdown = again(fault, "F-" + UUID.randomUUID());
        send(nextBreakdown);

        long nextRequest = odooIds(outcome(nextBreakdown, "POSTED")).get(0);
        assertThat(nextRequest).isNotEqualTo(request);
        assertThat(requestsOn(equipment)).hasSize(2).anySatisfy(repaired -> {
            assertThat(repaired.get("id")).isEqualTo((int) request);
            assertThat(repaired.get("name")).isEqualTo("Hydraulic leak on boom cylinder");
            assertThat(repaired.get("done")).isEqualTo(true);
            assertThat(repaired.get("close_date")).isEqualTo("2026-11-26");
        });
    }

    private int equipment() {
        return MaintenanceRecords.equipment(odoo);
    }

    private List<Map<String, Object>> requestsOn(int equipment) {
        return MaintenanceRecords.requestsOn(odoo, equipment);
    }

    private void send(FaultReported fault) {
        SinkTopics.send(TrestleTopic.EQUIPMENT_FAULT.topicName(), fault.getAssetId(), fault);
    }

    /** The outcome of this very event, which must have the expected status. */
    private static GenericRecord outcome(FaultReported fault, String status) {
        GenericRecord outcome = SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_SINK_OUTCOME.topicName(),
                record -> fault.getMetadata().getEventId().toString().equals(record.get("inputEventId").toString()));
        assertThat(outcome.get("status")).hasToString(status);
        assertThat(outcome.get("odooModel")).hasToString(MODEL);
        return outcome;
    }

    private static List<Long> odooIds(GenericRecord outcome) {
        return ((List<?>) outcome.get("odooIds")).stream().map(id -> ((Number) id).longValue()).toList();
    }
}
