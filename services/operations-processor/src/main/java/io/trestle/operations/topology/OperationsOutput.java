package io.trestle.operations.topology;

import io.trestle.operations.domain.TaskBooking;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.schedule.ScheduleReviewRequested;

/** What the asset processor sends on; each goes to its own topic under the key that topic is keyed by. */
sealed interface OperationsOutput {

    record Conflict(ScheduleConflictChanged event) implements OperationsOutput {
    }

    record Availability(AvailabilityChanged event) implements OperationsOutput {
    }

    record Review(ScheduleReviewRequested event) implements OperationsOutput {
    }

    record Notification(OperationsNotification event) implements OperationsOutput {
    }

    /** Internal: to the task side, keyed by task id. */
    record Booking(TaskBooking booking) implements OperationsOutput {
    }
}
