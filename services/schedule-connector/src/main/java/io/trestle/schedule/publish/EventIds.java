package io.trestle.schedule.publish;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schedule.diff.ScheduleChange.AssignmentChange;
import io.trestle.schedule.mapping.Refusal;
import io.trestle.schedule.model.ScheduleSnapshot;

/**
 * Event ids derived from what identifies a change: the project, the version it leads to (the snapshot's hash) and the
 * change itself. A publish that fails after its events were sent but before its version was stored sends the same
 * events again with the same ids, and consumers drop the repeats.
 */
final class EventIds {

    private EventIds() {
    }

    static UUID of(ScheduleSnapshot schedule, String snapshotHash, ScheduleChange change) {
        return uuid("schedule-event", schedule, snapshotHash, changeKey(change));
    }

    static UUID quarantine(ScheduleSnapshot schedule, String snapshotHash, Refusal refusal) {
        return uuid("schedule-quarantine", schedule, snapshotHash,
                changeKey(refusal.change()) + "\u0000" + refusal.reasonCode());
    }

    /** The kind of change and the ids of what it concerns; a task has at most one change of a kind per diff. */
    static String changeKey(ScheduleChange change) {
        String key = change.getClass().getSimpleName() + "\u0000" + change.taskId();
        if (change instanceof AssignmentChange assignment) {
            key += "\u0000" + assignment.assignment().id() + "\u0000" + assignment.assignment().resource().id();
        }
        return key;
    }

    private static UUID uuid(String kind, ScheduleSnapshot schedule, String snapshotHash, String changeKey) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", kind, schedule.sourceSystem(), schedule.projectKey(),
                snapshotHash, changeKey).getBytes(StandardCharsets.UTF_8));
    }
}
