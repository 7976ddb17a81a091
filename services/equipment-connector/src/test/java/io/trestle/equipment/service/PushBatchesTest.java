package io.trestle.equipment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.domain.AvailabilityItem;
import io.trestle.equipment.domain.FaultItem;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.PushItem;
import io.trestle.equipment.domain.ReservationItem;
import io.trestle.equipment.domain.WorkOrderItem;
import io.trestle.equipment.domain.WorkOrderItem.Part;
import io.trestle.rest.Violation;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.operations.QuarantinedEvent;

class PushBatchesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofHours(2));
    private final PushBatches batches = new PushBatches(Clock.fixed(NOW, ZoneOffset.UTC), 3, Duration.ofMinutes(5));
    private final FaultEventType faults = new FaultEventType();
    private final WorkOrderEventType workOrders = new WorkOrderEventType();

    @Test
    void refusesDuplicateNullAndUnidentifiedItemsEmptyAndOversizedBatchesAndAnotherClientsSource() {
        assertThat(batches.validate(batch(fault("same"), fault("same")), "acme", faults))
                .extracting(Violation::field, Violation::message)
                .containsExactly(tuple("items[1].eventId", "duplicates an earlier fault of this batch"));
        assertThat(batches.validate(batch(fault(null), null), "acme", faults))
                .extracting(Violation::item, Violation::field)
                .containsExactly(tuple(0, "items[0].eventId"), tuple(1, "items[1]"));
        assertThat(batches.validate(batch(), "acme", faults)).extracting(Violation::field).containsExactly("items");
        assertThat(batches.validate(batch(fault("1"), fault("2"), fault("3"), fault("4")), "acme", faults))
                .extracting(Violation::message)
                .containsExactly("has 4 items; at most 3 are accepted per request");
        assertThat(batches.validate(new PushBatch<>("other", List.of(fault("1"))), "acme", faults))
                .extracting(Violation::field).containsExactly("source");
    }

    @Test
    void namesFaultViolationsByItemIdAndPath() {
        FaultItem halfJ1939 = new FaultItem("f-1", "EX-1", null, null, null, null, null, 1569, null, null, "SEVERE",
                null,
                null, null, EARLIER, null);
        FaultItem clearedWithoutTime = new FaultItem("f-2", "EX-1", null, null, "E42", null, null, null, 40, null, null,
                null, "cleared", null, NOW.plus(Duration.ofHours(1)), null);
        FaultItem clearedTimeWhileActive = new FaultItem("f-3", "EX-1", null, null, "E42", null, null, null, null, null,
                null, null, "ACTIVE", null, EARLIER, NOW);

        assertThat(batches.validate(batch(halfJ1939, clearedWithoutTime, clearedTimeWhileActive), "acme", faults))
                .extracting(Violation::itemId, Violation::field, Violation::message)
                .containsExactlyInAnyOrder(
                        tuple("f-1", "items[0].fmi", "is required with spn; a J1939 diagnostic has both"),
                        tuple("f-1", "items[0].severity",
                                "'SEVERE' is not one of INFO, LOW, MEDIUM, HIGH, CRITICAL"),
                        tuple("f-2", "items[1].fmi", "must be between 0 and 31, was 40"),
                        tuple("f-2", "items[1].spn", "is required with fmi; a J1939 diagnostic has both"),
                        tuple("f-2", "items[1].detectedAt", "lies in the future (2026-11-27T11:00:00Z); check the "
                                + "sender's clock"),
                        tuple("f-2", "items[1].clearedAt",
                                "is required (ISO-8601 instant, e.g. 2026-11-27T08:00:00Z)"),
                        tuple("f-3", "items[2].clearedAt", "is set only when state is CLEARED"));
    }

    @Test
    void derivesTheFaultCodeFromSpnAndFmiAndOneFaultIdForTheRaiseAndTheClearingOfAnOccurrence() {
        FaultItem raised = new FaultItem("raise", "EX-1", null, null, null, "J1939", null, 1569, 31, 2, "high", null,
                "ACTIVE", true, EARLIER, null);
        FaultItem cleared = new FaultItem("clear", "EX-1", null, null, "1569-31", "J1939", null, 1569, 31, 2, "HIGH",
                null,
                "CLEARED", false, EARLIER, NOW);
        PushBatch<FaultItem> batch = batch(raised, cleared);
        assertThat(batches.validate(batch, "acme", faults)).isEmpty();

        List<FaultReported> events = batches.toEvents(batch, "acme", faults, "corr", NOW);

        assertThat(events).extracting(FaultReported::getCode).containsOnly("1569-31");
        assertThat(events.get(0).getFaultId()).isEqualTo(events.get(1).getFaultId());
        assertThat(events.get(0).getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(events.get(1).getState()).isEqualTo(FaultState.CLEARED);
        assertThat(events.get(1).getMetadata().getOccurredAt()).isEqualTo(NOW);
    }

    @Test
    void eventIdsDependOnClientKindAndCallerIdOnly() {
        PushBatch<FaultItem> batch = batch(fault("e-1"));
        FaultReported first = batches.toEvents(batch, "acme", faults, "one", NOW).get(0);
        FaultReported again = batches.toEvents(batch, "acme", faults, "two", NOW.plusSeconds(60)).get(0);

        assertThat(again.getMetadata().getEventId()).isEqualTo(first.getMetadata().getEventId())
                .isEqualTo(PushBatches.eventId("push:acme", "fault", "e-1"));
        assertThat(PushBatches.eventId("push:other", "fault", "e-1")).isNotEqualTo(first.getMetadata().getEventId());
        assertThat(PushBatches.eventId("push:acme", "work order", "e-1"))
                .isNotEqualTo(first.getMetadata().getEventId());
        assertThat(first.getMetadata().getSourceSystem()).isEqualTo("push:acme");
    }

    @Test
    void aClosingWorkOrderNeedsClosedAtAndAClosingStatus() {
        WorkOrderItem closedStillOpen = workOrder("w-1", "CLOSED", "OPEN", null, List.of());
        WorkOrderItem doneNotClosed = workOrder("w-2", "UPDATED", "DONE", NOW, List.of());

        assertThat(batches.validate(batch(closedStillOpen, doneNotClosed), "acme", workOrders))
                .extracting(Violation::field, Violation::message)
                .containsExactlyInAnyOrder(
                        tuple("items[0].closedAt", "is required (ISO-8601 instant, e.g. 2026-11-27T08:00:00Z)"),
                        tuple("items[0].status", "must be DONE or CANCELLED when change is CLOSED, was OPEN"),
                        tuple("items[1].closedAt", "is set only when change is CLOSED"),
                        tuple("items[1].status",
                                "is DONE, which closes the work order; send change CLOSED with closedAt"));
    }

    @Test
    void namesAnInvalidPartByItsPositionAndQualifiesTheWorkOrderIdWithTheSourceSystem() {
        WorkOrderItem invalidPart = workOrder("w-1", "OPENED", "OPEN", null,
                Arrays.asList(new Part("SEAL-1", null, 2.0, null), new Part(" ", null, 0.0, "Units"), null));
        assertThat(batches.validate(batch(invalidPart), "acme", workOrders)).extracting(Violation::field)
                .containsExactlyInAnyOrder("items[0].partsNeeded[1].partNumber", "items[0].partsNeeded[1].quantity",
                        "items[0].partsNeeded[2]");

        WorkOrderItem valid = workOrder("w-1", "CLOSED", "done", NOW, List.of(new Part("SEAL-1", null, 2.0, null)));
        assertThat(batches.validate(batch(valid), "acme", workOrders)).isEmpty();
        WorkOrderChanged event = batches.toEvents(batch(valid), "acme", workOrders, "corr", NOW).get(0);
        assertThat(event.getWorkOrderId()).isEqualTo("push:acme:WO-w-1");
        assertThat(event.getMetadata().getSourceRecordId()).isEqualTo("WO-w-1");
        assertThat(event.getPartsNeeded()).singleElement()
                .satisfies(part -> assertThat(part.getQuantity()).isEqualTo(2.0));
    }

    @Test
    void refusesAReservationEndingBeforeItStartsAndAnAvailabilityStateTheSchemaDoesNotName() {
        ReservationItem backwards = new ReservationItem("r-1", "EX-1", "R-1", null, "P-1", null, null, NOW, EARLIER,
                "CONFIRMED", EARLIER);
        assertThat(batches.validate(batch(backwards), "acme", new ReservationEventType()))
                .extracting(Violation::field, Violation::message)
                .containsExactly(tuple("items[0].reservedTo",
                        "must lie after reservedFrom (2026-11-27T10:00:00Z), was 2026-11-27T08:00:00Z"));

        AvailabilityItem unknown = new AvailabilityItem("a-1", "EX-1", null, "UNKNOWN", EARLIER, null, null, null,
                null);
        assertThat(batches.validate(batch(unknown), "acme", new AvailabilityEventType()))
                .extracting(Violation::field, Violation::message)
                .containsExactly(tuple("items[0].state", "'UNKNOWN' is not one of AVAILABLE, IN_USE, DOWN, "
                        + "IN_MAINTENANCE, IN_TRANSIT, RETIRED"));
    }

    @Test
    void anItemNamesExactlyOneOfAssetAndMachineAndTheMachineByAnIdTheCrosswalkMaps() {
        EquipmentIdentity byPin = new EquipmentIdentity(null, null, null, "PIN-1", null);
        PushBatches wide = new PushBatches(Clock.fixed(NOW, ZoneOffset.UTC), 10, Duration.ofMinutes(5));

        assertThat(wide.validate(batch(fault("both", "EX-1", byPin), fault("neither", null, null),
                fault("label-only", null, new EquipmentIdentity("Acme", "RX", null, null, "Unit 7")),
                fault("blank-pin", null, new EquipmentIdentity(null, null, "SN-1", " ", null)),
                fault("by-pin", null, byPin),
                fault("by-serial", null, new EquipmentIdentity("Acme", "RX", "SN-1", null, "Unit 7"))), "acme",
                faults))
                .extracting(Violation::itemId, Violation::field, Violation::message)
                .containsExactly(
                        tuple("both", "items[0].machine",
                                "must not be given together with assetId; give exactly one of them"),
                        tuple("neither", "items[1].assetId", "is required unless machine is given"),
                        tuple("label-only", "items[2].machine",
                                "needs pin or serialNumber, the ids the crosswalk maps machines by"),
                        tuple("blank-pin", "items[3].machine.pin", "is required"));
    }

    @Test
    void anItemOfAResolvedMachineBecomesAnEventOfItsAssetWithTheMachinesIdsAndTheEventIdOfItsCallerId() {
        EquipmentIdentity machine = new EquipmentIdentity(null, null, "SN-1", "PIN-1", null);
        FaultItem item = fault("e-1", null, machine);
        List<ExternalId> ids = QuarantineMapper.externalIds(machine, "push:acme");

        FaultReported event = PushBatches.toEvent(faults, item, "acme", new PushMachines.Resolved("EX-9", ids),
                "corr", NOW);

        assertThat(event.getAssetId()).isEqualTo("EX-9");
        assertThat(event.getMetadata().getEventId()).isEqualTo(PushBatches.eventId("push:acme", "fault", "e-1"));
        assertThat(event.getMetadata().getResolvedFrom()).containsExactly(
                new ExternalId("push:acme", "equipment", "PIN-1"), new ExternalId("push:acme", "equipment", "SN-1"));
        // Derived from the canonical asset, so a clearing sent with the assetId matches a raise sent by machine.
        assertThat(event.getFaultId()).isEqualTo(FaultEventType.derivedFaultId("EX-9", "E42", EARLIER));
    }

    @Test
    void anItemOfAnUnknownMachineBecomesAQuarantineEntryWithTheItemAndAnIdOfItsCallerId() {
        EquipmentIdentity machine = new EquipmentIdentity("Acme", "RX", null, "PIN-1", null);
        WorkOrderItem item = new WorkOrderItem("e-1", "WO-1", null, machine, "OPENED", "OPEN", EARLIER, null,
                "Replace seal", null, null, null, null, null, null, null, null, null, null);
        PushMachines.Unmapped unmapped = new PushMachines.Unmapped(machine,
                QuarantineMapper.externalIds(machine, "push:acme"),
                QuarantineMapper.unmappedMessage(machine, "push:acme"));

        QuarantinedEvent entry = PushBatches.quarantined(workOrders, item, "acme", unmapped, "corr", NOW);

        assertThat(entry.getMetadata().getEventId())
                .isEqualTo(QuarantineMapper.pushedEventId("push:acme", "work order", "e-1", "UNMAPPED_EXTERNAL_ID"))
                .isNotEqualTo(QuarantineMapper.pushedEventId("push:acme", "fault", "e-1", "UNMAPPED_EXTERNAL_ID"));
        assertThat(entry.getMetadata().getSourceSystem()).isEqualTo("push:acme");
        assertThat(entry.getMetadata().getSourceRecordId()).isEqualTo("WO-1");
        assertThat(entry.getMetadata().getOccurredAt()).isEqualTo(EARLIER);
        assertThat(entry.getSourceEndpoint()).isEqualTo("/api/v1/work-orders");
        assertThat(entry.getReasonCode()).isEqualTo("UNMAPPED_EXTERNAL_ID");
        assertThat(entry.getPointer()).isEqualTo("/machine");
        assertThat(entry.getMessage()).isEqualTo("Machine PIN PIN-1 (Acme RX) has no active crosswalk entry under "
                + "system push:acme; map it, then replay");
        assertThat(entry.getUnresolvedIds()).containsExactly(new ExternalId("push:acme", "equipment", "PIN-1"));
        assertThat(QuarantineMapper.pushedItemOf(entry, WorkOrderItem.class)).contains(item);
    }

    @SafeVarargs
    private static <I extends PushItem> PushBatch<I> batch(I... items) {
        return new PushBatch<>(null, Arrays.asList(items));
    }

    private static FaultItem fault(String eventId) {
        return new FaultItem(eventId, "EX-1", null, null, "E42", null, null, null, null, null, null, null, null, null,
                EARLIER, null);
    }

    private static FaultItem fault(String eventId, String assetId, EquipmentIdentity machine) {
        return new FaultItem(eventId, assetId, machine, null, "E42", null, null, null, null, null, null, null, null,
                null, EARLIER, null);
    }

    private static WorkOrderItem workOrder(String eventId, String change, String status, Instant closedAt,
            List<Part> parts) {
        return new WorkOrderItem(eventId, "WO-" + eventId, "EX-1", null, change, status, EARLIER, null, "Replace seal",
                null, 2, null, null, null, EARLIER, null, null, closedAt, parts);
    }
}
