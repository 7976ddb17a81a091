package io.trestle.schedule.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.trestle.schedule.diff.ScheduleChange.AssignmentChange;
import io.trestle.schedule.diff.ScheduleChange.AttributeChange;
import io.trestle.schedule.diff.ScheduleChange.CrewAssigned;
import io.trestle.schedule.diff.ScheduleChange.CrewReleased;
import io.trestle.schedule.diff.ScheduleChange.EquipmentReleased;
import io.trestle.schedule.diff.ScheduleChange.EquipmentReserved;
import io.trestle.schedule.diff.ScheduleChange.TaskAdded;
import io.trestle.schedule.diff.ScheduleChange.TaskAmended;
import io.trestle.schedule.diff.ScheduleChange.TaskWithdrawn;
import io.trestle.schedule.diff.ScheduleChange.Withdrawal;
import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;

/**
 * What changed between the previous published version of a project's schedule and the new one. Equal snapshots give no
 * changes, so publishing the same file twice publishes nothing.
 *
 * <p>
 * Changes come in a fixed order: tasks added, tasks amended, releases, assignments and reservations, tasks withdrawn;
 * within each kind by task id, assignment id and resource id. Releases come before assignments because a P6 assignment
 * whose resource was replaced keeps its id: the old crew's release must reach a consumer before the new crew's
 * assignment. Only assignments on active tasks count, so cancelling a task releases its crews and machines.
 */
public final class ScheduleDiff {

    private static final List<Class<? extends ScheduleChange>> KIND_ORDER = List.of(TaskAdded.class,
            TaskAmended.class, CrewReleased.class, EquipmentReleased.class, CrewAssigned.class,
            EquipmentReserved.class, TaskWithdrawn.class);

    private static final Comparator<ScheduleChange> ORDER = Comparator
            .<ScheduleChange>comparingInt(change -> KIND_ORDER.indexOf(change.getClass()))
            .thenComparing(ScheduleChange::taskId)
            .thenComparing(change -> assignmentOrder(change, Assignment::id))
            .thenComparing(change -> assignmentOrder(change, assignment -> assignment.resource().id()));

    private ScheduleDiff() {
    }

    /**
     * @param previous
     *            the last published version of the project, null when none was published yet
     * @throws IllegalArgumentException
     *             when the two are versions of different projects
     */
    public static List<ScheduleChange> between(ScheduleSnapshot previous, ScheduleSnapshot current) {
        if (previous != null && (!previous.projectKey().equals(current.projectKey())
                || !previous.sourceSystem().equals(current.sourceSystem()))) {
            throw new IllegalArgumentException("Cannot compare project " + previous.sourceSystem() + ":"
                    + previous.projectKey() + " with " + current.sourceSystem() + ":" + current.projectKey());
        }
        Map<String, ScheduledTask> before = previous == null ? Map.of() : byId(previous.tasks());
        Map<String, ScheduledTask> after = byId(current.tasks());
        List<ScheduleChange> changes = new ArrayList<>(tasks(before, after));
        changes.addAll(assignments(effective(previous == null ? List.of() : previous.crewAssignments(), before),
                effective(current.crewAssignments(), after), CrewAssigned::new, CrewReleased::new));
        changes.addAll(assignments(
                effective(previous == null ? List.of() : previous.equipmentReservations(), before),
                effective(current.equipmentReservations(), after), EquipmentReserved::new, EquipmentReleased::new));
        changes.sort(ORDER);
        return List.copyOf(changes);
    }

    private static List<ScheduleChange> tasks(Map<String, ScheduledTask> before, Map<String, ScheduledTask> after) {
        List<ScheduleChange> changes = new ArrayList<>();
        after.values().forEach(task -> {
            ScheduledTask old = before.get(task.id());
            boolean wasScheduled = old != null && old.active();
            if (task.active() && !wasScheduled) {
                changes.add(new TaskAdded(task));
            } else if (task.active()) {
                List<AttributeChange> amended = amended(old, task);
                if (!amended.isEmpty()) {
                    changes.add(new TaskAmended(old, task, amended));
                }
            } else if (wasScheduled) {
                changes.add(new TaskWithdrawn(old, Withdrawal.CANCELLED));
            }
        });
        before.values().stream().filter(task -> task.active() && !after.containsKey(task.id()))
                .forEach(task -> changes.add(new TaskWithdrawn(task, Withdrawal.DELETED)));
        return changes;
    }

    private static List<AttributeChange> amended(ScheduledTask before, ScheduledTask after) {
        List<AttributeChange> changes = new ArrayList<>();
        for (TaskAttribute attribute : TaskAttribute.values()) {
            Object old = attribute.valueOf(before);
            Object now = attribute.valueOf(after);
            if (!Objects.equals(old, now)) {
                changes.add(new AttributeChange(attribute, old, now));
            }
        }
        return changes;
    }

    /**
     * Assignments are told apart by task, assignment id and resource: an assignment whose resource was replaced is the
     * old resource released and the new one assigned. One whose period, units or work changed is assigned again.
     */
    private static List<ScheduleChange> assignments(Map<Key, Assignment> before, Map<Key, Assignment> after,
            Function<Assignment, ScheduleChange> assigned, Function<Assignment, ScheduleChange> released) {
        List<ScheduleChange> changes = new ArrayList<>();
        after.forEach((key, assignment) -> {
            if (!assignment.equals(before.get(key))) {
                changes.add(assigned.apply(assignment));
            }
        });
        before.forEach((key, assignment) -> {
            if (!after.containsKey(key)) {
                changes.add(released.apply(assignment));
            }
        });
        return changes;
    }

    private static Map<Key, Assignment> effective(List<Assignment> assignments, Map<String, ScheduledTask> tasks) {
        Set<String> active = tasks.values().stream().filter(ScheduledTask::active).map(ScheduledTask::id)
                .collect(Collectors.toSet());
        Map<Key, Assignment> effective = new LinkedHashMap<>();
        assignments.stream().filter(assignment -> active.contains(assignment.taskId()))
                .forEach(assignment -> effective.put(Key.of(assignment), assignment));
        return effective;
    }

    private static Map<String, ScheduledTask> byId(List<ScheduledTask> tasks) {
        Map<String, ScheduledTask> byId = new LinkedHashMap<>();
        tasks.forEach(task -> byId.put(task.id(), task));
        return byId;
    }

    private static String assignmentOrder(ScheduleChange change, Function<Assignment, String> part) {
        return change instanceof AssignmentChange assignment ? part.apply(assignment.assignment()) : "";
    }

    private record Key(String taskId, String assignmentId, String resourceId) {

        static Key of(Assignment assignment) {
            return new Key(assignment.taskId(), assignment.id(), assignment.resource().id());
        }
    }
}
