package io.trestle.schedule.model;

/**
 * An assignment of the file that is neither a crew assignment nor an equipment reservation, listed so that every
 * assignment the planner made is accounted for (and shown by a dry run).
 */
public record SkippedAssignment(String id, String taskId, String resourceName, Reason reason) {

    public enum Reason {
        /** Material resource (P6 RT_Mat, MS Project material). */
        MATERIAL,
        /** MS Project cost resource. */
        COST,
        /** A P6 role without a resource: a need for a skill, not a crew. */
        ROLE,
        /** The assignment is on a WBS node or summary task, not on an activity. */
        SUMMARY_TASK,
        /** No resource: MS Project's placeholder for work nobody is assigned to yet. */
        UNASSIGNED
    }
}
