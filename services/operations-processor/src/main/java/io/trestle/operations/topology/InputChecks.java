package io.trestle.operations.topology;

import java.util.Objects;
import java.util.Optional;

import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.WorkOrderChanged;

/** Input the processor refuses: it would be kept under the wrong asset, or its period makes no sense. */
final class InputChecks {

    /** A reason code from the quarantine catalogue and a message for a person. */
    record Problem(String reasonCode, String message) {
    }

    private InputChecks() {
    }

    static Optional<Problem> problem(String key, OperationsInput input) {
        if (!Objects.equals(key, input.assetId())) {
            // The store is per key and partitioned by it: a record under another key would be kept with the wrong asset.
            return Optional.of(new Problem("SCHEMA_VIOLATION",
                    "Record key '%s' is not the event's assetId '%s'".formatted(key, input.assetId())));
        }
        if (input.event() instanceof ReservationChanged reservation
                && !reservation.getReservedTo().isAfter(reservation.getReservedFrom())) {
            return Optional.of(new Problem("INCONSISTENT_DATES", "Reservation %s ends at %s, not after its start %s"
                    .formatted(reservation.getReservationId(), reservation.getReservedTo(),
                            reservation.getReservedFrom())));
        }
        if (input.event() instanceof WorkOrderChanged workOrder && workOrder.getDowntimeStart() != null
                && workOrder.getDowntimeEnd() != null
                && workOrder.getDowntimeEnd().isBefore(workOrder.getDowntimeStart())) {
            return Optional.of(new Problem("INCONSISTENT_DATES",
                    "Work order %s downtime ends at %s, before it starts at %s"
                            .formatted(workOrder.getWorkOrderId(), workOrder.getDowntimeEnd(),
                                    workOrder.getDowntimeStart())));
        }
        if (input.event() instanceof FaultReported fault && fault.getClearedAt() != null
                && fault.getClearedAt().isBefore(fault.getDetectedAt())) {
            return Optional
                    .of(new Problem("INCONSISTENT_DATES", "Fault %s is cleared at %s, before it was detected at %s"
                            .formatted(fault.getFaultId(), fault.getClearedAt(), fault.getDetectedAt())));
        }
        return Optional.empty();
    }
}
