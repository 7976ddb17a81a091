package io.trestle.schedule.model;

/** Progress of a task, as P6 states it or as MS Project's actual dates imply it. */
public enum TaskStatus {
    NOT_STARTED,
    IN_PROGRESS,
    COMPLETED
}
