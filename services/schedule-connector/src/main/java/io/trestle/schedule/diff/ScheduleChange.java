package io.trestle.schedule.diff;

import java.util.List;

import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduledTask;

/**
 * One difference between two published versions of a project's schedule. (Named apart from the Avro events they become,
 * {@code TaskScheduled}, {@code TaskChanged} and {@code TaskCancelled}, so the two are never confused.)
 */
public sealed interface ScheduleChange {

    /** The task the change concerns. */
    String taskId();

    /** A task entered the schedule, or came back into it after being cancelled. */
    record TaskAdded(ScheduledTask task) implements ScheduleChange {

        @Override
        public String taskId() {
            return task.id();
        }
    }

    /** A task stayed in the schedule with some attributes changed, listed in {@link TaskAttribute} order. */
    record TaskAmended(ScheduledTask before, ScheduledTask after, List<AttributeChange> changes)
            implements
                ScheduleChange {

        public TaskAmended {
            changes = List.copyOf(changes);
        }

        @Override
        public String taskId() {
            return after.id();
        }
    }

    /** A task left the schedule; {@code task} is its last published state. */
    record TaskWithdrawn(ScheduledTask task, Withdrawal withdrawal) implements ScheduleChange {

        @Override
        public String taskId() {
            return task.id();
        }
    }

    enum Withdrawal {
        /** The task is still in the file, made inactive (MS Project's way to cancel a task). */
        CANCELLED,
        /** The task is no longer in the file. */
        DELETED
    }

    /** A change of a crew assignment or an equipment reservation. */
    sealed interface AssignmentChange extends ScheduleChange {

        Assignment assignment();

        @Override
        default String taskId() {
            return assignment().taskId();
        }
    }

    /** A crew now works on a task, or its period or work on the task changed. */
    record CrewAssigned(Assignment assignment) implements AssignmentChange {
    }

    /** A crew no longer works on a task; {@code assignment} is its last published state. */
    record CrewReleased(Assignment assignment) implements AssignmentChange {
    }

    /** A machine is now reserved for a task over the assignment's period, or that period changed. */
    record EquipmentReserved(Assignment assignment) implements AssignmentChange {
    }

    /** A machine is no longer reserved for a task; {@code assignment} is its last published state. */
    record EquipmentReleased(Assignment assignment) implements AssignmentChange {
    }

    /**
     * One changed attribute.
     *
     * @param before
     *            the value before, null when it was empty
     * @param after
     *            the value after, null when it was cleared
     */
    record AttributeChange(TaskAttribute attribute, Object before, Object after) {
    }
}
