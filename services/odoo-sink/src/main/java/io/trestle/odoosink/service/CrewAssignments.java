package io.trestle.odoosink.service;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.schema.schedule.CrewAssignmentChange;
import io.trestle.schema.schedule.CrewAssignmentChanged;

/**
 * Reads a crew assignment as Odoo records: the task is the canonical task id read as a {@code project.task} database
 * id, and the crew is the canonical crew id read as the database id of the {@code res.users} who stands for it in Odoo.
 * Anything else is refused rather than matched by name.
 */
public final class CrewAssignments {

    private CrewAssignments() {
    }

    /** The task and the crew's user as Odoo database ids, and whether the crew is assigned (or released). */
    public record Assignment(long taskId, long userId, boolean assigned) {
    }

    /** Either the assignment, or why the event must not reach Odoo. */
    public sealed interface Mapping {
    }

    public record Mapped(Assignment assignment) implements Mapping {
    }

    public record Refused(String reasonCode, String message) implements Mapping {
    }

    public static Mapping map(CrewAssignmentChanged assignment) {
        String taskId = assignment.getTaskId();
        if (!OdooIds.isDatabaseId(taskId)) {
            return new Refused("UNKNOWN_CANONICAL_ID",
                    "task id '" + taskId + "' is not an Odoo project.task id; the task is not guessed");
        }
        String crewId = assignment.getCrewId();
        if (!OdooIds.isDatabaseId(crewId)) {
            return new Refused("UNKNOWN_CANONICAL_ID",
                    "crew id '" + crewId + "' is not an Odoo res.users id; the assignee is not guessed");
        }
        CrewAssignmentChange change = assignment.getChange();
        if (change != CrewAssignmentChange.ASSIGNED && change != CrewAssignmentChange.RELEASED) {
            return new Refused("SCHEMA_VIOLATION",
                    "change " + change + " says neither ASSIGNED nor RELEASED; the assignment is not guessed");
        }
        return new Mapped(new Assignment(Long.parseLong(taskId), Long.parseLong(crewId),
                change == CrewAssignmentChange.ASSIGNED));
    }

    /** {@code <module>.crew_assignment_<escaped id>}, escaped as {@link OdooIds#externalId} says. */
    public static String externalId(SinkConfig.Schedule schedule, String assignmentId) {
        return OdooIds.externalId(schedule.externalIdModule(), "crew_assignment", assignmentId);
    }
}
