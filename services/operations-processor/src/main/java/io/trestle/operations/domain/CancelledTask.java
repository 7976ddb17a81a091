package io.trestle.operations.domain;

/**
 * A task the planner cancelled.
 *
 * @param correlationId
 *            event id of the cancellation
 */
public record CancelledTask(String taskId, String projectId, String reason, String correlationId) {
}
