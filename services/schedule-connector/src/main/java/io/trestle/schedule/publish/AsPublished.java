package io.trestle.schedule.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schedule.diff.ScheduleChange.CrewAssigned;
import io.trestle.schedule.diff.ScheduleChange.CrewReleased;
import io.trestle.schedule.diff.ScheduleChange.EquipmentReleased;
import io.trestle.schedule.diff.ScheduleChange.EquipmentReserved;
import io.trestle.schedule.diff.ScheduleChange.TaskAdded;
import io.trestle.schedule.diff.ScheduleChange.TaskAmended;
import io.trestle.schedule.diff.ScheduleChange.TaskWithdrawn;
import io.trestle.schedule.mapping.Refusal;
import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;

/**
 * The version consumers know after a publish: the new snapshot, except that every refused change is left as it was in
 * the previous version. Stored as the published version, it makes the next publish diff the refused changes again, so
 * publishing the draft once the crosswalk maps the missing ids publishes exactly what was refused.
 */
final class AsPublished {

    private AsPublished() {
    }

    /**
     * @param previous
     *            the version published before, null when none was
     */
    static ScheduleSnapshot of(ScheduleSnapshot previous, ScheduleSnapshot current, List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            return current;
        }
        Map<String, ScheduledTask> tasks = tasks(current);
        Map<String, ScheduledTask> tasksBefore = previous == null ? Map.of() : tasks(previous);
        Map<Key, Assignment> crews = keyed(current.crewAssignments());
        Map<Key, Assignment> crewsBefore = previous == null ? Map.of() : keyed(previous.crewAssignments());
        Map<Key, Assignment> machines = keyed(current.equipmentReservations());
        Map<Key, Assignment> machinesBefore = previous == null ? Map.of() : keyed(previous.equipmentReservations());
        for (Refusal refusal : refusals) {
            ScheduleChange change = refusal.change();
            if (change instanceof TaskAdded added) {
                restore(tasks, tasksBefore, added.taskId());
            } else if (change instanceof TaskAmended amended) {
                tasks.put(amended.taskId(), amended.before());
            } else if (change instanceof TaskWithdrawn withdrawn) {
                tasks.put(withdrawn.taskId(), withdrawn.task());
            } else if (change instanceof CrewAssigned assigned) {
                restore(crews, crewsBefore, Key.of(assigned.assignment()));
            } else if (change instanceof CrewReleased released) {
                crews.put(Key.of(released.assignment()), released.assignment());
            } else if (change instanceof EquipmentReserved reserved) {
                restore(machines, machinesBefore, Key.of(reserved.assignment()));
            } else if (change instanceof EquipmentReleased released) {
                machines.put(Key.of(released.assignment()), released.assignment());
            }
        }
        return new ScheduleSnapshot(current.format(), current.sourceSystem(), current.projectKey(),
                current.projectName(), current.revision(), current.dataDate(), current.wbs(),
                List.copyOf(tasks.values()),
                List.copyOf(crews.values()), List.copyOf(machines.values()), current.skippedAssignments());
    }

    /** Puts back what the previous version had under the key, or takes out what it did not have. */
    private static <K, V> void restore(Map<K, V> current, Map<K, V> previous, K key) {
        V before = previous.get(key);
        if (before == null) {
            current.remove(key);
        } else {
            current.put(key, before);
        }
    }

    private static Map<String, ScheduledTask> tasks(ScheduleSnapshot snapshot) {
        Map<String, ScheduledTask> tasks = new LinkedHashMap<>();
        snapshot.tasks().forEach(task -> tasks.put(task.id(), task));
        return tasks;
    }

    private static Map<Key, Assignment> keyed(List<Assignment> assignments) {
        Map<Key, Assignment> keyed = new LinkedHashMap<>();
        assignments.forEach(assignment -> keyed.put(Key.of(assignment), assignment));
        return keyed;
    }

    /** How the diff tells assignments apart. */
    private record Key(String taskId, String assignmentId, String resourceId) {

        static Key of(Assignment assignment) {
            return new Key(assignment.taskId(), assignment.id(), assignment.resource().id());
        }
    }
}
