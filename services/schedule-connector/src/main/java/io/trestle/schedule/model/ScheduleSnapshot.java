package io.trestle.schedule.model;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One project of a published schedule, independent of MPXJ and of the file format, in the planner's order. Two
 * snapshots of the same file are equal.
 *
 * @param projectKey
 *            what identifies the project across versions of its schedule and what the crosswalk maps to the canonical
 *            project: the P6 project id (short name), else the MS Project file's GUID, title or name
 * @param revision
 *            the planner's id of this version: the project key with the data date (P6) or the save time and revision
 *            (MS Project)
 * @param dataDate
 *            the date progress is reported up to (P6 data date, MS Project status date), null when not set
 */
public record ScheduleSnapshot(
        ScheduleFormat format,
        String projectKey,
        String projectName,
        String revision,
        LocalDateTime dataDate,
        List<WbsNode> wbs,
        List<ScheduledTask> tasks,
        List<Assignment> crewAssignments,
        List<Assignment> equipmentReservations,
        List<SkippedAssignment> skippedAssignments) {

    public ScheduleSnapshot {
        wbs = List.copyOf(wbs);
        tasks = List.copyOf(tasks);
        crewAssignments = List.copyOf(crewAssignments);
        equipmentReservations = List.copyOf(equipmentReservations);
        skippedAssignments = List.copyOf(skippedAssignments);
    }

    /** The planner, as events and the crosswalk name it. */
    public String sourceSystem() {
        return format.sourceSystem();
    }
}
