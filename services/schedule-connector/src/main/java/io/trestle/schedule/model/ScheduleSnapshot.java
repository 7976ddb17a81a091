package io.trestle.schedule.model;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One project of a published schedule, independent of MPXJ and of the file format, in the planner's order. Two
 * snapshots of the same file are equal. Its JSON (Jackson, records as objects) is what the connector stores as the last
 * published version.
 *
 * @param sourceSystem
 *            the planner, as events and the crosswalk name it ({@code EventMetadata.sourceSystem},
 *            {@code ExternalId.system}): the format's planner for files, {@code planner:<client>} for the webhook
 * @param projectKey
 *            what identifies the project across versions of its schedule and what the crosswalk maps to the canonical
 *            project: the P6 project id (short name), the MS Project file's GUID, title or name, or the webhook's
 *            {@code projectKey}
 * @param revision
 *            the planner's id of this version: the project key with the data date (P6) or the save time and revision
 *            (MS Project)
 * @param dataDate
 *            the date progress is reported up to (P6 data date, MS Project status date), null when not set
 */
public record ScheduleSnapshot(
        ScheduleFormat format,
        String sourceSystem,
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
}
