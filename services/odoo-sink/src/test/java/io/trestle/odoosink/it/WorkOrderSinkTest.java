package io.trestle.odoosink.it;

import static io.trestle.odoosink.TestWorkOrders.changed;
import static io.trestle.odoosink.TestWorkOrders.opened;
import static io.trestle.odoosink.TestWorkOrders.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.quarkus.TrestleTestResource;

/** Work orders into maintenance requests, against the real broker, the registry stand-in and the Odoo stand-in. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(OdooStandInResource.class)
class WorkOrderSinkTest {

    private static final String MODEL = MaintenanceRecords.MODEL;
    private static final Duration PATIENCE = SinkTopics.PATIENCE;
    /** The stand-in's "Repaired" stage, installed by the maintenance module as maintenance.stage_3 and marked done. */
    private static final int REPAIRED_STAGE_ID = 3;

    @InjectOdoo
    OdooStandIn odoo;

    @Test
    void anOpenedThenUpdatedThenClosedWorkOrderEndsAsOneDoneRequestWithTheFinalValues() {
        int equipment = equipment();
        WorkOrderChanged opened = opened("WO-" + UUID.randomUUID(), Integer.toString(equipment));
        WorkOrderChanged updated = changed(opened, WorkOrderChange.UPDATED, WorkOrderStatus.IN_PROGRESS)
                .setTitle("Hydraulic leak: replace boom cylinder seal")
                .setPriority(3)
                .setPlannedStart(Instant.parse("2026-11-26T13:00:00Z"))
                .setPlannedHours(2.5)
                .build();
        WorkOrderChanged closed = changed(updated, WorkOrderChange.CLOSED, WorkOrderStatus.DONE)
                .setClosedAt(Instant.parse("2026-11-26T16:45:00Z"))
                .build();

        List.of(opened, updated, closed).forEach(this::send);

        awaitOutcomes(opened.getWorkOrderId(), 3);
        assertThat(requestsOn(equipment)).singleElement().satisfies(request -> {
            assertThat(request.get("name")).isEqualTo("Hydraulic leak: replace boom cylinder seal");
            assertThat(request.get("priority")).isEqualTo("3");
            assertThat(request.get("maintenance_type")).isEqualTo("corrective");
            assertThat(request.get("schedule_date")).isEqualTo("2026-11-26 13:00:00");
            assertThat(request.get("duration")).isEqualTo(2.5);
            assertThat(((List<?>) request.get("stage_id")).get(0)).isEqualTo(REPAIRED_STAGE_ID);
            assertThat(request.get("close_date")).isEqualTo("2026-11-26");
            assertThat(request.get("done")).isEqualTo(true);
        });
    }

    @Test
    void theSameWorkOrderEventDeliveredTwiceOpensOneRequest() {
        int equipment = equipment();
        WorkOrderChanged opened = opened("WO-" + UUID.randomUUID(), Integer.toString(equipment));

        send(opened);
        send(opened);

        awaitOutcomes(opened.getWorkOrderId(), 2);
        assertThat(requestsOn(equipment)).singleElement()
                .satisfies(request -> assertThat(request.get("priority")).isEqualTo("1"));
    }

    @Test
    void aWorkOrderThatNeedsPartsGetsItsRequestAndOneDraftRfqForThePartsEvenWhenDeliveredTwice() {
        int equipment = equipment();
        String partNumber = "SK-" + UUID.randomUUID();
        int sealKit = odoo.seed("product.product",
                Map.of("name", "Boom cylinder seal kit", "default_code", partNumber));
        WorkOrderChanged opened = opened("WO-" + UUID.randomUUID(), Integer.toString(equipment));
        opened.setPartsNeeded(List.of(part(partNumber, 2)));

        send(opened);
        awaitPurchaseOutcome(opened, "POSTED");
        send(opened);
        awaitPurchaseOutcome(opened, "ALREADY_POSTED");

        assertThat(requestsOn(equipment)).hasSize(1);
        List<Map<String, Object>> rfqs = odoo.records("purchase.order").stream()
                .filter(order -> ("Trestle work order " + opened.getWorkOrderId()).equals(order.get("origin")))
                .toList();
        assertThat(rfqs).singleElement().satisfies(rfq -> {
            assertThat(rfq.get("state")).isEqualTo("draft");
            assertThat(((List<?>) rfq.get("partner_id")).get(1)).isEqualTo(OdooStandInResource.VENDOR_NAME);
        });
        assertThat(odoo.records("purchase.order.line").stream()
                .filter(line -> ((List<?>) line.get("order_id")).get(0).equals(rfqs.get(0).get("id"))))
                .singleElement().satisfies(line -> {
                    assertThat(((List<?>) line.get("product_id")).get(0)).isEqualTo(sealKit);
                    assertThat(line.get("product_qty")).isEqualTo(2.0);
                });
    }

    @Test
    void unknownEquipmentIdsGoToTheDeadLetterTopicWhileANeighbourIsWritten() {
        int equipment = equipment();
        WorkOrderChanged unknownToOdoo = opened("WO-" + UUID.randomUUID(), "987654321");
        WorkOrderChanged notAnOdooId = opened("WO-" + UUID.randomUUID(), "EX-1001");
        WorkOrderChanged neighbour = opened("WO-" + UUID.randomUUID(), Integer.toString(equipment));

        List.of(unknownToOdoo, notAnOdooId, neighbour).forEach(this::send);

        await().atMost(PATIENCE).until(() -> requestsOn(equipment).size() == 1);
        GenericRecord refusedByOdoo = awaitDeadLetter(unknownToOdoo);
        assertThat(refusedByOdoo.get("reasonCode")).hasToString("ODOO_REJECTED");
        assertThat(refusedByOdoo.get("sourceTopic")).hasToString(TrestleTopic.EQUIPMENT_WORK_ORDER.topicName());
        assertThat(awaitDeadLetter(notAnOdooId).get("reasonCode")).hasToString("UNKNOWN_CANONICAL_ID");
        assertThat(SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_SINK_OUTCOME.topicName(),
                outcome -> unknownToOdoo.getWorkOrderId().equals(outcome.get("requestId").toString())
                        && outcome.get("status").toString().equals("REJECTED"))
                .get("errorClass")).hasToString("BUSINESS");
    }

    private int equipment() {
        return MaintenanceRecords.equipment(odoo);
    }

    private List<Map<String, Object>> requestsOn(int equipment) {
        return MaintenanceRecords.requestsOn(odoo, equipment);
    }

    private void send(WorkOrderChanged workOrder) {
        SinkTopics.send(TrestleTopic.EQUIPMENT_WORK_ORDER.topicName(), workOrder.getAssetId(), workOrder);
    }

    /** Waits until the sink reported {@code count} writes of the work order, all of them posted. */
    private void awaitOutcomes(String workOrderId, int count) {
        List<GenericRecord> outcomes = SinkTopics.awaitOutcomes(workOrderId, count);
        assertThat(outcomes).extracting(outcome -> outcome.get("status").toString()).containsOnly("POSTED");
        assertThat(outcomes).extracting(outcome -> outcome.get("odooModel").toString()).containsOnly(MODEL);
    }

    private static void awaitPurchaseOutcome(WorkOrderChanged workOrder, String status) {
        SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_SINK_OUTCOME.topicName(),
                outcome -> workOrder.getWorkOrderId().equals(outcome.get("requestId").toString())
                        && outcome.get("odooModel").toString().equals("purchase.order")
                        && outcome.get("status").toString().equals(status));
    }

    private GenericRecord awaitDeadLetter(WorkOrderChanged workOrder) {
        return SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_QUARANTINE.topicName(),
                record -> workOrder.getWorkOrderId().equals(String.valueOf(
                        ((GenericRecord) record.get("metadata")).get("sourceRecordId"))));
    }
}
