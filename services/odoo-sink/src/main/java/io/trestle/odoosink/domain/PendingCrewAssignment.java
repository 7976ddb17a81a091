package io.trestle.odoosink.domain;

import io.trestle.schema.schedule.CrewAssignmentChanged;

/** A consumed crew assignment or release, with where it came from and its bytes as they were on the topic. */
public record PendingCrewAssignment(CrewAssignmentChanged assignment, String topic, int partition, long offset,
        String key, byte[] rawValue)
        implements
            Consumed {

    /** The assignment the event assigns or releases: one planning slot, or one assignee of one task. */
    @Override
    public String requestId() {
        return assignment.getAssignmentId();
    }

    /** An assignment is assigned, moved and released by several events, so outcomes are identified by the event. */
    @Override
    public String outcomeKey() {
        return assignment.getMetadata().getEventId().toString();
    }

    @Override
    public String inputEventId() {
        return assignment.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return assignment.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return assignment.toString();
    }
}
