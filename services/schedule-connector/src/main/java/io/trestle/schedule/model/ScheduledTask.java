package io.trestle.schedule.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An activity of the schedule. Dates are the planner's local date-times: schedule files carry no time zone.
 *
 * @param id
 *            stable id within the project: the P6 activity id, or the MS Project task's GUID (its UniqueID when the
 *            file has no GUIDs)
 * @param wbsCode
 *            code of the WBS node the task lies under, null at the top of the structure
 * @param active
 *            false for an MS Project task made inactive, which is how MS Project cancels a task while keeping it
 * @param start
 *            start in the current schedule: the actual start once started, else the (remaining) early start
 * @param finish
 *            finish in the current schedule, like {@code start}
 * @param baselineStart
 *            P6 planned start (which P6 and MPXJ treat as the baseline when no other is assigned), MS Project baseline
 *            start
 * @param durationHours
 *            duration in working hours, by the project's hours per day
 * @param workHours
 *            work of all resources in hours, null when the schedule is not resource-loaded
 * @param percentComplete
 *            the activity's percent complete as its percent complete type defines it (P6: duration, physical or units)
 */
public record ScheduledTask(
        String id,
        String name,
        String wbsCode,
        TaskStatus status,
        boolean active,
        LocalDateTime start,
        LocalDateTime finish,
        LocalDateTime baselineStart,
        LocalDateTime baselineFinish,
        LocalDateTime earlyStart,
        LocalDateTime earlyFinish,
        LocalDateTime lateStart,
        LocalDateTime lateFinish,
        LocalDateTime actualStart,
        LocalDateTime actualFinish,
        BigDecimal durationHours,
        BigDecimal workHours,
        BigDecimal percentComplete) {
}
