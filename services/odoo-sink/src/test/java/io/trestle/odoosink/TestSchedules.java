package io.trestle.odoosink;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.config.SinkConfig.PlanningTarget;
import io.trestle.odoosink.domain.PendingCrewAssignment;
import io.trestle.odoosink.domain.PendingTaskCancelled;
import io.trestle.odoosink.domain.PendingTaskChanged;
import io.trestle.odoosink.domain.PendingTaskScheduled;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.schedule.CrewAssignmentChange;
import io.trestle.schema.schedule.CrewAssignmentChanged;
import io.trestle.schema.schedule.FieldChange;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskChanged;
import io.trestle.schema.schedule.TaskScheduled;

/** Schedule events, as consumed records, and sink settings for tests. */
public final class TestSchedules {

    public static final Instant MONDAY = Instant.parse("2026-11-30T07:00:00Z");

    private TestSchedules() {
    }

    /** A task scheduled from Monday 07:00 to Friday 16:00, with a new event id. */
    public static TaskScheduled.Builder scheduled(String taskId) {
        return TaskScheduled.newBuilder()
                .setMetadata(metadata(taskId))
                .setProjectId("1")
                .setTaskId(taskId)
                .setPlannedStart(MONDAY)
                .setPlannedEnd(Instant.parse("2026-12-04T16:00:00Z"));
    }

    /** A change of a task's dates to the given ones, listing the given field changes. */
    public static TaskChanged.Builder changed(String taskId, Instant plannedStart, Instant plannedEnd,
            FieldChange... changes) {
        return TaskChanged.newBuilder()
                .setMetadata(metadata(taskId))
                .setProjectId("1")
                .setTaskId(taskId)
                .setChanges(List.of(changes))
                .setPlannedStart(plannedStart)
                .setPlannedEnd(plannedEnd);
    }

    public static FieldChange change(String field, String before, String after) {
        return FieldChange.newBuilder().setField(field).setBefore(before).setAfter(after).build();
    }

    public static TaskCancelled cancelled(String taskId) {
        return TaskCancelled.newBuilder().setMetadata(metadata(taskId)).setProjectId("1").setTaskId(taskId).build();
    }

    /** The crew assigned to or released from the task, without a period of its own. */
    public static CrewAssignmentChanged.Builder assignment(String assignmentId, String taskId, String crewId,
            CrewAssignmentChange change) {
        return CrewAssignmentChanged.newBuilder()
                .setMetadata(metadata(assignmentId))
                .setAssignmentId(assignmentId)
                .setProjectId("1")
                .setTaskId(taskId)
                .setCrewId(crewId)
                .setChange(change);
    }

    public static PendingTaskScheduled pending(TaskScheduled event) {
        return new PendingTaskScheduled(event, "trestle.schedule.task-scheduled.v1", 0, 0, "1", new byte[0]);
    }

    public static PendingTaskChanged pending(TaskChanged event) {
        return new PendingTaskChanged(event, "trestle.schedule.task-changed.v1", 0, 0, "1", new byte[0]);
    }

    public static PendingTaskCancelled pending(TaskCancelled event) {
        return new PendingTaskCancelled(event, "trestle.schedule.task-cancelled.v1", 0, 0, "1", new byte[0]);
    }

    public static PendingCrewAssignment pending(CrewAssignmentChanged event) {
        return new PendingCrewAssignment(event, "trestle.schedule.crew-assignment.v1", 0, 0, "1", new byte[0]);
    }

    public static SinkConfig.Schedule schedule(PlanningTarget target) {
        return new SinkConfig.Schedule() {

            @Override
            public PlanningTarget target() {
                return target;
            }

            @Override
            public String externalIdModule() {
                return "trestle";
            }
        };
    }

    private static EventMetadata metadata(String sourceRecordId) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSourceSystem("p6")
                .setSourceRecordId(sourceRecordId)
                .setOccurredAt(MONDAY.minusSeconds(86_400))
                .setIngestedAt(MONDAY.minusSeconds(86_395))
                .setResolvedFrom(List.of())
                .build();
    }
}
