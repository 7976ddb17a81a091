package io.trestle.schema.topic;

/**
 * Topic names as compile-time constants, so services can use them as configuration defaults
 * ({@code @WithDefault(TopicNames.EQUIPMENT_TELEMETRY)}). Everything else about a topic is in {@link TrestleTopic}.
 */
public final class TopicNames {

    public static final String MASTER_PROJECT = "trestle.master.project.v1";
    public static final String MASTER_PROJECT_TASK = "trestle.master.project-task.v1";
    public static final String MASTER_COST_CODE = "trestle.master.cost-code.v1";
    public static final String MASTER_EQUIPMENT_ASSET = "trestle.master.equipment-asset.v1";
    public static final String MASTER_CROSSWALK = "trestle.master.crosswalk.v1";
    public static final String SCHEDULE_TASK_SCHEDULED = "trestle.schedule.task-scheduled.v1";
    public static final String SCHEDULE_TASK_CHANGED = "trestle.schedule.task-changed.v1";
    public static final String SCHEDULE_TASK_CANCELLED = "trestle.schedule.task-cancelled.v1";
    public static final String SCHEDULE_CREW_ASSIGNMENT = "trestle.schedule.crew-assignment.v1";
    public static final String SCHEDULE_REVIEW_REQUEST = "trestle.schedule.review-request.v1";
    public static final String EQUIPMENT_TELEMETRY = "trestle.equipment.telemetry.v1";
    public static final String EQUIPMENT_FAULT = "trestle.equipment.fault.v1";
    public static final String EQUIPMENT_WORK_ORDER = "trestle.equipment.work-order.v1";
    public static final String EQUIPMENT_RESERVATION = "trestle.equipment.reservation.v1";
    public static final String EQUIPMENT_AVAILABILITY = "trestle.equipment.availability.v1";
    public static final String COST_POSTING = "trestle.cost.posting.v1";
    public static final String OPERATIONS_CONFLICT = "trestle.operations.conflict.v1";
    public static final String OPERATIONS_UNALLOCATED_USAGE = "trestle.operations.unallocated-usage.v1";
    public static final String OPERATIONS_NOTIFICATION = "trestle.operations.notification.v1";
    public static final String INTEGRATION_QUARANTINE = "trestle.integration.quarantine.v1";
    public static final String INTEGRATION_SINK_OUTCOME = "trestle.integration.sink-outcome.v1";
    public static final String ANALYTICS_ASSET_UTILIZATION = "trestle.analytics.asset-utilization.v1";

    private TopicNames() {
    }
}
