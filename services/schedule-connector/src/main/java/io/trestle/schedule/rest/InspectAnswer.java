package io.trestle.schedule.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schedule.diff.ScheduleChange.AssignmentChange;
import io.trestle.schedule.diff.ScheduleChange.TaskAmended;
import io.trestle.schedule.diff.ScheduleChange.TaskWithdrawn;
import io.trestle.schedule.mapping.Publication;
import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleFormat;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;
import io.trestle.schedule.model.SkippedAssignment;
import io.trestle.schedule.model.WbsNode;
import io.trestle.schedule.publish.PublishOutcome;
import io.trestle.schedule.publish.PublishPlan;
import io.trestle.schedule.publish.PublishedVersion;
import io.trestle.schema.avro.AvroJson;

/**
 * The answer of a dry run: per project of the file what it holds, how it differs from the version last published, the
 * events publishing it would send and the changes it would quarantine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectAnswer(ScheduleFormat format, List<Project> projects, List<String> notes) {

    /**
     * @param approvedBy
     *            the approval rule that would publish it on arrival, null when it would wait for the publish API
     * @param previous
     *            the version last published, null when none was: then every task and assignment is a difference
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Project(String sourceSystem, String projectKey, String projectName, String revision,
            LocalDateTime dataDate, String approvedBy, List<WbsNode> wbs, List<ScheduledTask> tasks,
            List<Assignment> crewAssignments, List<Assignment> equipmentReservations,
            List<SkippedAssignment> skippedAssignments, Previous previous, List<Difference> differences,
            List<Event> events, List<PublishOutcome.RefusedChange> refusals) {
    }

    /** The version last published, which the differences are counted from. */
    public record Previous(String revision, Instant publishedAt, String draftId, int refusedChanges) {
    }

    /**
     * One difference from the version last published.
     *
     * @param change
     *            {@code TaskAdded}, {@code TaskAmended}, {@code TaskWithdrawn}, {@code CrewAssigned},
     *            {@code CrewReleased}, {@code EquipmentReserved} or {@code EquipmentReleased}
     * @param fields
     *            for an amended task, each attribute changed
     * @param withdrawal
     *            for a withdrawn task, {@code CANCELLED} (made inactive) or {@code DELETED} (gone from the file)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String change, String taskId, String assignmentId, String resourceId,
            List<Field> fields, String withdrawal) {
    }

    public record Field(String field, Object before, Object after) {
    }

    /** An event publishing would send, as JSON of its Avro record. */
    public record Event(String topic, String key, String type, Map<String, Object> value) {
    }

    static Project project(PublishPlan plan, String approvedBy) {
        ScheduleSnapshot schedule = plan.schedule();
        return new Project(schedule.sourceSystem(), schedule.projectKey(), schedule.projectName(),
                schedule.revision(), schedule.dataDate(), approvedBy, schedule.wbs(), schedule.tasks(),
                schedule.crewAssignments(), schedule.equipmentReservations(), schedule.skippedAssignments(),
                plan.previous().map(InspectAnswer::previous).orElse(null),
                plan.changes().stream().map(InspectAnswer::difference).toList(), events(plan),
                PublishOutcome.refusedChanges(plan));
    }

    private static Previous previous(PublishedVersion version) {
        return new Previous(version.snapshot().revision(), version.publishedAt(), version.draftId(),
                version.refusedChanges());
    }

    private static Difference difference(ScheduleChange change) {
        String kind = change.getClass().getSimpleName();
        if (change instanceof AssignmentChange assignment) {
            return new Difference(kind, change.taskId(), assignment.assignment().id(),
                    assignment.assignment().resource().id(), null, null);
        }
        if (change instanceof TaskAmended amended) {
            return new Difference(kind, change.taskId(), null, null, amended.changes().stream()
                    .map(field -> new Field(field.attribute().eventName(), field.before(), field.after())).toList(),
                    null);
        }
        String withdrawal = change instanceof TaskWithdrawn withdrawn ? withdrawn.withdrawal().name() : null;
        return new Difference(kind, change.taskId(), null, null, null, withdrawal);
    }

    private static List<Event> events(PublishPlan plan) {
        List<Event> events = new ArrayList<>();
        for (Publication publication : plan.mapped().publications()) {
            events.add(new Event(publication.topic().topicName(), publication.key(),
                    publication.value().getClass().getSimpleName(), AvroJson.of(publication.value())));
        }
        return events;
    }
}
