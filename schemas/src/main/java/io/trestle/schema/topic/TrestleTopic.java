package io.trestle.schema.topic;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.trestle.schema.analytics.AssetUtilization;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.CrosswalkEntry;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.operations.SinkOutcome;
import io.trestle.schema.operations.UnallocatedUsageChanged;
import io.trestle.schema.schedule.CrewAssignmentChanged;
import io.trestle.schema.schedule.ScheduleReviewRequested;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskChanged;
import io.trestle.schema.schedule.TaskScheduled;

/**
 * The topic catalogue: every Trestle topic with its key, value schema, producers, consumers and retention. Keys are
 * UTF-8 strings; values are Avro framed by the registry serde (magic byte, 4-byte content id). The README's topic table
 * is rendered from this enum and a test keeps the two equal. Master data is compacted and keyed by canonical id; event
 * topics are keyed by the entity whose order matters.
 */
public enum TrestleTopic {

    MASTER_PROJECT(TopicNames.MASTER_PROJECT, "project id", ProjectSnapshot.class, List.of("odoo-connector"),
            List.of("schedule-connector", "telemetry-aggregator", "operations-processor"), Retention.compaction()),
    MASTER_PROJECT_TASK(TopicNames.MASTER_PROJECT_TASK, "task id", ProjectTaskSnapshot.class,
            List.of("odoo-connector"), List.of("schedule-connector", "operations-processor"), Retention.compaction()),
    MASTER_COST_CODE(TopicNames.MASTER_COST_CODE, "cost code id", CostCodeSnapshot.class, List.of("odoo-connector"),
            List.of("schedule-connector", "telemetry-aggregator"), Retention.compaction()),
    MASTER_EQUIPMENT_ASSET(TopicNames.MASTER_EQUIPMENT_ASSET, "asset id", EquipmentAssetSnapshot.class,
            List.of("odoo-connector"), List.of("telemetry-aggregator", "operations-processor", "equipment-connector"),
            Retention.compaction()),
    MASTER_CROSSWALK(TopicNames.MASTER_CROSSWALK, "system|entityType|externalId", CrosswalkEntry.class,
            List.of("odoo-connector (derived entries and the mapping API)"),
            List.of("equipment-connector", "schedule-connector"), Retention.compaction()),
    SCHEDULE_TASK_SCHEDULED(TopicNames.SCHEDULE_TASK_SCHEDULED, "project id", TaskScheduled.class,
            List.of("schedule-connector"), List.of("odoo-sink", "operations-processor"), Retention.days(30)),
    SCHEDULE_TASK_CHANGED(TopicNames.SCHEDULE_TASK_CHANGED, "project id", TaskChanged.class,
            List.of("schedule-connector"), List.of("odoo-sink", "operations-processor"), Retention.days(30)),
    SCHEDULE_TASK_CANCELLED(TopicNames.SCHEDULE_TASK_CANCELLED, "project id", TaskCancelled.class,
            List.of("schedule-connector"), List.of("odoo-sink", "operations-processor"), Retention.days(30)),
    SCHEDULE_CREW_ASSIGNMENT(TopicNames.SCHEDULE_CREW_ASSIGNMENT, "project id", CrewAssignmentChanged.class,
            List.of("schedule-connector"), List.of("odoo-sink", "operations-processor"), Retention.days(30)),
    SCHEDULE_REVIEW_REQUEST(TopicNames.SCHEDULE_REVIEW_REQUEST, "project id", ScheduleReviewRequested.class,
            List.of("operations-processor"), List.of("schedule-connector"), Retention.days(30)),
    EQUIPMENT_TELEMETRY(TopicNames.EQUIPMENT_TELEMETRY, "asset id", TelemetryReading.class,
            List.of("equipment-connector"), List.of("telemetry-aggregator"), Retention.days(7)),
    EQUIPMENT_FAULT(TopicNames.EQUIPMENT_FAULT, "asset id", FaultReported.class, List.of("equipment-connector"),
            List.of("operations-processor", "odoo-sink"), Retention.days(30)),
    EQUIPMENT_WORK_ORDER(TopicNames.EQUIPMENT_WORK_ORDER, "asset id", WorkOrderChanged.class,
            List.of("equipment-connector"), List.of("operations-processor", "odoo-sink"), Retention.days(30)),
    EQUIPMENT_RESERVATION(TopicNames.EQUIPMENT_RESERVATION, "asset id", ReservationChanged.class,
            List.of("equipment-connector", "schedule-connector"),
            List.of("telemetry-aggregator", "operations-processor"),
            Retention.days(90)),
    EQUIPMENT_AVAILABILITY(TopicNames.EQUIPMENT_AVAILABILITY, "asset id", AvailabilityChanged.class,
            List.of("equipment-connector", "operations-processor"),
            List.of("schedule-connector", "operations-processor (platform events only)"), Retention.compaction()),
    COST_POSTING(TopicNames.COST_POSTING, "project id (asset id while unallocated)", CostPosting.class,
            List.of("telemetry-aggregator"), List.of("odoo-sink"), Retention.days(90)),
    OPERATIONS_CONFLICT(TopicNames.OPERATIONS_CONFLICT, "conflict id", ScheduleConflictChanged.class,
            List.of("operations-processor"), List.of("schedule-connector"), Retention.compaction()),
    OPERATIONS_UNALLOCATED_USAGE(TopicNames.OPERATIONS_UNALLOCATED_USAGE, "asset id", UnallocatedUsageChanged.class,
            List.of("telemetry-aggregator"), List.of("operators (alerts, reservation follow-up)"), Retention.days(90)),
    OPERATIONS_NOTIFICATION(TopicNames.OPERATIONS_NOTIFICATION, "asset id", OperationsNotification.class,
            List.of("operations-processor"), List.of("alerting, site managers' feeds"), Retention.days(30)),
    INTEGRATION_QUARANTINE(TopicNames.INTEGRATION_QUARANTINE, "source (service/endpoint)", QuarantinedEvent.class,
            List.of("all connectors and processors"), List.of("operators (replay API)"), Retention.days(30)),
    INTEGRATION_SINK_OUTCOME(TopicNames.INTEGRATION_SINK_OUTCOME, "posting or command id", SinkOutcome.class,
            List.of("odoo-sink"), List.of("reconciliation, analysts"), Retention.days(90)),
    ANALYTICS_ASSET_UTILIZATION(TopicNames.ANALYTICS_ASSET_UTILIZATION, "assetId|usageDate (e.g. EX-7|2026-11-20)",
            AssetUtilization.class, List.of("telemetry-aggregator"), List.of("analytics (downstream reporting)"),
            Retention.compaction());

    private final String topicName;
    private final String key;
    private final Class<? extends SpecificRecord> valueType;
    private final List<String> producers;
    private final List<String> consumers;
    private final Retention retention;

    TrestleTopic(String topicName, String key, Class<? extends SpecificRecord> valueType, List<String> producers,
            List<String> consumers, Retention retention) {
        this.topicName = topicName;
        this.key = key;
        this.valueType = valueType;
        this.producers = producers;
        this.consumers = consumers;
        this.retention = retention;
    }

    public String topicName() {
        return topicName;
    }

    /** What the (string) record key holds. */
    public String key() {
        return key;
    }

    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    public List<String> producers() {
        return producers;
    }

    public List<String> consumers() {
        return consumers;
    }

    public Retention retention() {
        return retention;
    }

    /** The registry artifact (subject) holding the value schema, by Apicurio's default topic strategy. */
    public String valueSubject() {
        return topicName + "-value";
    }

    /** Cleanup policy: compacted topics keep the latest value per key forever, others expire by time. */
    public record Retention(boolean compacted, Duration retention) {

        static Retention compaction() {
            return new Retention(true, null);
        }

        static Retention days(int days) {
            return new Retention(false, Duration.ofDays(days));
        }

        public String cleanupPolicy() {
            return compacted ? "compact" : "delete";
        }

        @Override
        public String toString() {
            return compacted ? "compacted" : "delete after " + retention.toDays() + " d";
        }
    }
}
