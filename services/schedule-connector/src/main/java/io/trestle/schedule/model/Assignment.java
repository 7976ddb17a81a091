package io.trestle.schedule.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A resource assigned to a task: a crew assignment when the resource is labor, an equipment reservation over the
 * assignment's period when it is equipment.
 *
 * @param id
 *            the planner's assignment id (P6 TASKRSRC id, MS Project assignment UID), unique within the project
 * @param units
 *            units per time in percent (100 = one resource full time)
 * @param workHours
 *            planned work in hours, null when the planner gives none
 */
public record Assignment(
        String id,
        String taskId,
        ScheduleResource resource,
        LocalDateTime start,
        LocalDateTime finish,
        BigDecimal units,
        BigDecimal workHours) {
}
