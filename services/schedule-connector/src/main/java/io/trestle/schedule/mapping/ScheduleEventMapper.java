package io.trestle.schedule.mapping;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import io.trestle.schedule.diff.ScheduleChange;
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
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.schedule.CrewAssignmentChange;
import io.trestle.schema.schedule.CrewAssignmentChanged;
import io.trestle.schema.schedule.FieldChange;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskChanged;
import io.trestle.schema.schedule.TaskScheduled;
import io.trestle.schema.topic.TrestleTopic;

/**
 * Turns the changes of a published schedule into canonical events: tasks into {@code TaskScheduled},
 * {@code TaskChanged} and {@code TaskCancelled}, crews into {@code CrewAssignmentChanged}, machines into
 * {@code ReservationChanged} (CONFIRMED while reserved, CANCELLED once released). Every external id is resolved through
 * the crosswalk and never guessed: a change with an unmapped id is refused whole. Schedule files carry local date-times
 * without a zone; they are read in the zone the planner works in.
 */
public final class ScheduleEventMapper {

    private final CanonicalIds canonicalIds;
    private final ZoneId plannerZone;
    private final Clock clock;
    private final Function<ScheduleChange, UUID> eventIds;

    /**
     * @param eventIds
     *            the id of the event a change becomes; derived from what identifies the change, so that publishing the
     *            same change again gives the same id and consumers drop the repeat
     */
    public ScheduleEventMapper(CanonicalIds canonicalIds, ZoneId plannerZone, Clock clock,
            Function<ScheduleChange, UUID> eventIds) {
        this.canonicalIds = canonicalIds;
        this.plannerZone = plannerZone;
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /**
     * @param schedule
     *            the version the changes lead to
     * @param correlationId
     *            shared by every event of one uploaded file
     */
    public MappedChanges map(ScheduleSnapshot schedule, List<ScheduleChange> changes, String correlationId) {
        Map<String, ScheduledTask> tasks = schedule.tasks().stream()
                .collect(Collectors.toMap(ScheduledTask::id, Function.identity()));
        List<Publication> publications = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (ScheduleChange change : changes) {
            Resolution ids = new Resolution();
            String projectId = ids.require(ScheduleIds.project(schedule));
            String taskId = ids.require(ScheduleIds.activity(schedule, change.taskId()));
            String resourceId = change instanceof AssignmentChange assignment
                    ? ids.require(ScheduleIds.resource(schedule, entityType(change), assignment.assignment()))
                    : null;
            if (!ids.unresolved.isEmpty()) {
                refusals.add(new Refusal(change, Refusal.UNMAPPED_EXTERNAL_ID,
                        "No active crosswalk mapping for " + describe(ids.unresolved), ids.unresolved));
                continue;
            }
            Optional<DateProblem> problem = datesProblem(change);
            if (problem.isPresent()) {
                refusals.add(new Refusal(change, problem.get().reasonCode(), problem.get().message(), List.of()));
                continue;
            }
            Event event = new Event(schedule, change, projectId, taskId, resourceId, ids.resolved, correlationId);
            publications.add(publication(change, event, tasks));
        }
        return new MappedChanges(publications, refusals);
    }

    private Publication publication(ScheduleChange change, Event event, Map<String, ScheduledTask> tasks) {
        if (change instanceof TaskAdded added) {
            return onProject(TrestleTopic.SCHEDULE_TASK_SCHEDULED, event, taskScheduled(added.task(), event));
        }
        if (change instanceof TaskAmended amended) {
            return onProject(TrestleTopic.SCHEDULE_TASK_CHANGED, event, taskChanged(amended, event));
        }
        if (change instanceof TaskWithdrawn withdrawn) {
            return onProject(TrestleTopic.SCHEDULE_TASK_CANCELLED, event, taskCancelled(withdrawn, event));
        }
        if (change instanceof CrewAssigned assigned) {
            return onProject(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, event,
                    crew(assigned.assignment(), CrewAssignmentChange.ASSIGNED, event));
        }
        if (change instanceof CrewReleased released) {
            return onProject(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, event,
                    crew(released.assignment(), CrewAssignmentChange.RELEASED, event));
        }
        if (change instanceof EquipmentReserved reserved) {
            ScheduledTask task = tasks.get(reserved.taskId());
            return reservation(reserved.assignment(), ReservationStatus.CONFIRMED,
                    task == null ? null : task.wbsCode(), event);
        }
        EquipmentReleased released = (EquipmentReleased) change;
        return reservation(released.assignment(), ReservationStatus.CANCELLED, null, event);
    }

    private TaskScheduled taskScheduled(ScheduledTask task, Event event) {
        return TaskScheduled.newBuilder()
                .setMetadata(event.metadata(task.id()))
                .setProjectId(event.projectId)
                .setTaskId(event.taskId)
                .setTaskName(task.name())
                .setPlannedStart(instant(task.start()))
                .setPlannedEnd(instant(task.finish()))
                .setPlannedHours(hours(task.workHours()))
                .setScheduleRevision(event.schedule.revision())
                .build();
    }

    private TaskChanged taskChanged(TaskAmended amended, Event event) {
        ScheduledTask task = amended.after();
        return TaskChanged.newBuilder()
                .setMetadata(event.metadata(task.id()))
                .setProjectId(event.projectId)
                .setTaskId(event.taskId)
                .setChanges(amended.changes().stream().map(this::fieldChange).toList())
                .setTaskName(task.name())
                .setPlannedStart(instant(task.start()))
                .setPlannedEnd(instant(task.finish()))
                .setScheduleRevision(event.schedule.revision())
                .build();
    }

    private TaskCancelled taskCancelled(TaskWithdrawn withdrawn, Event event) {
        String reason = withdrawn.withdrawal() == Withdrawal.CANCELLED
                ? "Made inactive (cancelled) in the planner"
                : "Deleted from the schedule";
        return TaskCancelled.newBuilder()
                .setMetadata(event.metadata(withdrawn.task().id()))
                .setProjectId(event.projectId)
                .setTaskId(event.taskId)
                .setReason(reason)
                .setScheduleRevision(event.schedule.revision())
                .build();
    }

    private CrewAssignmentChanged crew(Assignment assignment, CrewAssignmentChange change, Event event) {
        return CrewAssignmentChanged.newBuilder()
                .setMetadata(event.metadata(assignment.id()))
                .setAssignmentId(ScheduleIds.assignment(event.schedule, assignment))
                .setProjectId(event.projectId)
                .setTaskId(event.taskId)
                .setCrewId(event.resourceId)
                .setCrewName(assignment.resource().name())
                .setChange(change)
                .setPlannedStart(instant(assignment.start()))
                .setPlannedEnd(instant(assignment.finish()))
                .setPlannedHours(hours(assignment.workHours()))
                .build();
    }

    /** Keyed by asset like every reservation, so one machine's reservations from all sources stay in order. */
    private Publication reservation(Assignment assignment, ReservationStatus status, String wbsCode, Event event) {
        String costCodeId = wbsCode == null
                ? null
                : canonicalIds.resolve(ScheduleIds.wbs(event.schedule, wbsCode)).orElse(null);
        ReservationChanged reservation = ReservationChanged.newBuilder()
                .setMetadata(event.metadata(assignment.id()))
                .setReservationId(ScheduleIds.assignment(event.schedule, assignment))
                .setAssetId(event.resourceId)
                .setProjectId(event.projectId)
                .setTaskId(event.taskId)
                .setCostCodeId(costCodeId)
                .setReservedFrom(instant(assignment.start()))
                .setReservedTo(instant(assignment.finish()))
                .setStatus(status)
                .build();
        return new Publication(TrestleTopic.EQUIPMENT_RESERVATION, event.resourceId, reservation);
    }

    private FieldChange fieldChange(AttributeChange change) {
        return new FieldChange(change.attribute().eventName(), text(change.before()), text(change.after()));
    }

    /** As {@code FieldChange} renders values: instants as ISO-8601 UTC, numbers in plain decimal notation. */
    private String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime dateTime) {
            return instant(dateTime).toString();
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** Events need dates the schema requires and that run forwards; the file may have neither. */
    private static Optional<DateProblem> datesProblem(ScheduleChange change) {
        if (change instanceof TaskAdded added) {
            return period("task " + added.taskId(), added.task().start(), added.task().finish(), true);
        }
        if (change instanceof TaskAmended amended) {
            return period("task " + amended.taskId(), amended.after().start(), amended.after().finish(), false);
        }
        if (change instanceof AssignmentChange assignment) {
            Assignment changed = assignment.assignment();
            return period("assignment " + changed.id(), changed.start(), changed.finish(),
                    change instanceof EquipmentReserved || change instanceof EquipmentReleased);
        }
        return Optional.empty();
    }

    private static Optional<DateProblem> period(String what, LocalDateTime start, LocalDateTime finish,
            boolean required) {
        if (required && (start == null || finish == null)) {
            return Optional.of(new DateProblem(Refusal.SCHEMA_VIOLATION,
                    what + " has no " + (start == null ? "start" : "finish")));
        }
        if (start != null && finish != null && finish.isBefore(start)) {
            return Optional.of(new DateProblem(Refusal.INCONSISTENT_DATES,
                    what + " finishes (" + finish + ") before it starts (" + start + ")"));
        }
        return Optional.empty();
    }

    private record DateProblem(String reasonCode, String message) {
    }

    private static String entityType(ScheduleChange change) {
        return change instanceof CrewAssigned || change instanceof CrewReleased
                ? ScheduleIds.CREW
                : ScheduleIds.EQUIPMENT;
    }

    private static Publication onProject(TrestleTopic topic, Event event, SpecificRecord value) {
        return new Publication(topic, event.projectId, value);
    }

    private Instant instant(LocalDateTime dateTime) {
        return dateTime == null ? null : dateTime.atZone(plannerZone).toInstant();
    }

    private static Double hours(BigDecimal hours) {
        return hours == null ? null : hours.doubleValue();
    }

    private static String describe(List<ExternalId> ids) {
        return ids.stream().map(id -> id.getSystem() + " " + id.getEntityType() + " '" + id.getValue() + "'")
                .collect(Collectors.joining(", "));
    }

    /** Resolves a change's ids, keeping those resolved (the events' provenance) and those not (the refusal's). */
    private final class Resolution {

        private final List<ExternalId> resolved = new ArrayList<>();
        private final List<ExternalId> unresolved = new ArrayList<>();

        String require(ExternalId id) {
            Optional<String> canonical = canonicalIds.resolve(id);
            (canonical.isPresent() ? resolved : unresolved).add(id);
            return canonical.orElse(null);
        }
    }

    /** What every event of one change shares. */
    private final class Event {

        private final ScheduleSnapshot schedule;
        private final ScheduleChange change;
        private final String projectId;
        private final String taskId;
        private final String resourceId;
        private final List<ExternalId> resolvedFrom;
        private final String correlationId;

        Event(ScheduleSnapshot schedule, ScheduleChange change, String projectId, String taskId, String resourceId,
                List<ExternalId> resolvedFrom, String correlationId) {
            this.schedule = schedule;
            this.change = change;
            this.projectId = projectId;
            this.taskId = taskId;
            this.resourceId = resourceId;
            this.resolvedFrom = List.copyOf(resolvedFrom);
            this.correlationId = correlationId;
        }

        /** The planner publishes a change when its file arrives: that is when it occurred, as far as Trestle knows. */
        EventMetadata metadata(String sourceRecordId) {
            Instant now = clock.instant();
            return EventMetadata.newBuilder()
                    .setEventId(eventIds.apply(change))
                    .setSourceSystem(schedule.sourceSystem())
                    .setSourceRecordId(sourceRecordId)
                    .setOccurredAt(now)
                    .setIngestedAt(now)
                    .setCorrelationId(correlationId)
                    .setResolvedFrom(resolvedFrom)
                    .build();
        }
    }
}
