package io.trestle.schedule.mapping;

import java.util.Map;

import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schema.common.ExternalId;

/**
 * The external ids a schedule's entities are resolved by, under the planner's system ({@code p6}, {@code msproject},
 * {@code planner:<client>}). Activity, WBS and assignment ids are unique only within their project (every P6 project
 * has an activity A1000, every MS Project file an assignment 1), so they are prefixed with the project key; P6 resource
 * ids and MS Project GUIDs are unique already.
 */
public final class ScheduleIds {

    static final String PROJECT = "project";
    static final String ACTIVITY = "activity";
    static final String WBS = "wbs";
    static final String CREW = "crew";
    static final String EQUIPMENT = "equipment";

    /**
     * What the crosswalk must map each kind of id to ({@code CrosswalkEntry.canonicalType}): a project to an Odoo
     * project, an activity to a task, a WBS node to the cost code reservations are booked on, crews and machines to
     * themselves.
     */
    private static final Map<String, String> CANONICAL_TYPES = Map.of(PROJECT, "project", ACTIVITY, "task", WBS,
            "cost-code", CREW, "crew", EQUIPMENT, "equipment");

    private ScheduleIds() {
    }

    /**
     * The kind of canonical entity an id of the given entity type stands for.
     *
     * @throws IllegalArgumentException
     *             for an entity type the schedule connector does not resolve
     */
    public static String canonicalType(String entityType) {
        String canonicalType = CANONICAL_TYPES.get(entityType);
        if (canonicalType == null) {
            throw new IllegalArgumentException("no canonical type for entity type " + entityType);
        }
        return canonicalType;
    }

    static ExternalId project(ScheduleSnapshot schedule) {
        return new ExternalId(schedule.sourceSystem(), PROJECT, schedule.projectKey());
    }

    static ExternalId activity(ScheduleSnapshot schedule, String taskId) {
        return new ExternalId(schedule.sourceSystem(), ACTIVITY, schedule.projectKey() + ":" + taskId);
    }

    static ExternalId wbs(ScheduleSnapshot schedule, String wbsCode) {
        return new ExternalId(schedule.sourceSystem(), WBS, schedule.projectKey() + ":" + wbsCode);
    }

    static ExternalId resource(ScheduleSnapshot schedule, String entityType, Assignment assignment) {
        return new ExternalId(schedule.sourceSystem(), entityType, assignment.resource().id());
    }

    /**
     * Id of a crew assignment or reservation across all planners and projects. The resource is part of it: P6 keeps an
     * assignment's id when its resource is replaced, and the old machine's cancellation and the new one's reservation
     * travel on different partitions (the reservation topic is keyed by asset), so they must not share an id.
     */
    static String assignment(ScheduleSnapshot schedule, Assignment assignment) {
        return schedule.sourceSystem() + ":" + schedule.projectKey() + ":" + assignment.id() + ":"
                + assignment.resource().id();
    }
}
