package io.trestle.operations.topology;

import java.time.Duration;

import io.trestle.operations.config.OperationsConfig;

/** What the topology needs to know, separate from how it is configured so tests can state it plainly. */
public record OperationsSettings(Topics topics, Duration availabilityCheckInterval, Duration reservationRetention) {

    public record Topics(String reservations, String faults, String workOrders, String availability,
            String taskCancellations, String conflicts, String reviewRequests, String notifications,
            String quarantine) {
    }

    public OperationsSettings {
        if (availabilityCheckInterval.isNegative() || availabilityCheckInterval.isZero()) {
            throw invalid("availability check interval must be positive, was " + availabilityCheckInterval);
        }
        if (reservationRetention.isNegative()) {
            throw invalid("reservation retention must not be negative, was " + reservationRetention);
        }
    }

    public static OperationsSettings from(OperationsConfig config) {
        OperationsConfig.Topics topics = config.topics();
        return new OperationsSettings(new Topics(topics.reservations(), topics.faults(), topics.workOrders(),
                topics.availability(), topics.taskCancellations(), topics.conflicts(), topics.reviewRequests(),
                topics.notifications(), topics.quarantine()),
                config.availabilityCheckInterval(), config.reservationRetention());
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("Invalid operations-processor configuration: " + message);
    }
}
