package io.trestle.operations.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the operations processor; checked at start by {@code OperationsSettings}. */
@ConfigMapping(prefix = "trestle.operations-processor")
public interface OperationsConfig {

    Topics topics();

    /**
     * How often (wall-clock time) every asset's availability is derived again, so that a reservation starting or ending
     * turns the asset IN_USE or AVAILABLE without an event arriving; also when ended reservations are forgotten.
     */
    @WithDefault("PT1M")
    Duration availabilityCheckInterval();

    /**
     * How long after its end a reservation is still kept; a conflict it is part of is reported RESOLVED when it is
     * forgotten.
     */
    @WithDefault("P1D")
    Duration reservationRetention();

    /**
     * The four equipment inputs are keyed by asset id and read by one processor per partition number, so they must all
     * have the same number of partitions; task cancellations may have any.
     */
    interface Topics {

        @WithDefault(TopicNames.EQUIPMENT_RESERVATION)
        String reservations();

        @WithDefault(TopicNames.EQUIPMENT_FAULT)
        String faults();

        @WithDefault(TopicNames.EQUIPMENT_WORK_ORDER)
        String workOrders();

        /** Read for the platform's own availability, written with the derived one (events of this service skipped). */
        @WithDefault(TopicNames.EQUIPMENT_AVAILABILITY)
        String availability();

        /** Keyed by project; re-keyed by task through the {@code task-events} repartition topic. */
        @WithDefault(TopicNames.SCHEDULE_TASK_CANCELLED)
        String taskCancellations();

        @WithDefault(TopicNames.OPERATIONS_CONFLICT)
        String conflicts();

        @WithDefault(TopicNames.SCHEDULE_REVIEW_REQUEST)
        String reviewRequests();

        /**
         * Breakdowns reported and cleared, and breakdown reports refused into quarantine, for people; keyed by asset.
         */
        @WithDefault(TopicNames.OPERATIONS_NOTIFICATION)
        String notifications();

        /** Where input keyed by the wrong asset or with an impossible period goes, with its reason. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();
    }
}
