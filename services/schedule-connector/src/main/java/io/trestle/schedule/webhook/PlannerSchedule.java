package io.trestle.schedule.webhook;

import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON a SaaS planner posts to {@code POST /api/v1/schedules/webhook}: one project's schedule whole, with the same
 * information a schedule file carries. Dates are ISO-8601 date-times, either local to the planner's zone
 * ({@code 2025-04-01T08:00}, as in schedule files) or with an offset ({@code 2025-04-01T07:00:00Z}); numbers are JSON
 * numbers. Unknown fields are ignored.
 *
 * @param projectKey
 *            what identifies the project across versions, and what the crosswalk maps to the canonical project
 * @param revision
 *            the planner's id of this version; derived from the data date or the content when absent
 * @param approved
 *            true when the planner approved this version: it is published on arrival; otherwise it waits as a draft for
 *            the publish API
 */
public record PlannerSchedule(String projectKey, String projectName, String revision, String dataDate,
        Boolean approved, List<Wbs> wbs, List<Task> tasks, List<Assignment> crewAssignments,
        List<Assignment> equipmentReservations) {

    /** A node of the work breakdown structure; {@code parentCode} is null at the top. */
    public record Wbs(String code, String name, String parentCode) {
    }

    /**
     * An activity. {@code active} defaults to true; false cancels the task while keeping it. {@code status} is
     * {@code NOT_STARTED}, {@code IN_PROGRESS} or {@code COMPLETED}, implied by the actual dates when absent.
     */
    public record Task(String id, String name, String wbsCode, String status, Boolean active, String start,
            String finish, String baselineStart, String baselineFinish, String earlyStart, String earlyFinish,
            String lateStart, String lateFinish, String actualStart, String actualFinish, BigDecimal durationHours,
            BigDecimal workHours, BigDecimal percentComplete) {
    }

    /**
     * A crew assigned to a task, or a machine reserved for it over the assignment's period. {@code resourceId} is what
     * the crosswalk maps to the crew or the asset; {@code units} in percent (100 = full time).
     */
    public record Assignment(String id, String taskId, String resourceId, String resourceName, String resourceCode,
            String start, String finish, BigDecimal units, BigDecimal workHours) {
    }
}
