package io.trestle.operations.topology;

import org.apache.avro.specific.SpecificRecordBase;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.WorkOrderChanged;

/** The per-asset inputs, merged into one stream so one processor and one store see them in partition order. */
sealed interface OperationsInput {

    /** The input as read. */
    SpecificRecordBase event();

    /** Provenance of the input event; its id becomes the correlation id of what it causes. */
    default EventMetadata metadata() {
        return (EventMetadata) event().get("metadata");
    }

    /** The asset the event is about; the record key must be the same. */
    default String assetId() {
        return String.valueOf(event().get("assetId"));
    }

    record Reservation(ReservationChanged event) implements OperationsInput {
    }

    record Fault(FaultReported event) implements OperationsInput {
    }

    record WorkOrder(WorkOrderChanged event) implements OperationsInput {
    }

    record Availability(AvailabilityChanged event) implements OperationsInput {
    }
}
