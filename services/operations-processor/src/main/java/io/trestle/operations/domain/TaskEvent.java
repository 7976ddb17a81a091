package io.trestle.operations.domain;

/**
 * What the task side receives, keyed by task id through one repartition topic: exactly one of a booking change or a
 * cancellation. One topic for both keeps them co-partitioned whatever the input topics' partition counts.
 */
public record TaskEvent(TaskBooking booking, CancelledTask cancellation) {
}
