package io.trestle.odoosink.domain;

import io.trestle.schema.schedule.TaskCancelled;

/** A consumed cancellation of a task, with where it came from and its bytes as they were on the topic. */
public record PendingTaskCancelled(TaskCancelled cancelled, String topic, int partition, long offset, String key,
        byte[] rawValue)
        implements
            Consumed {

    /** The task the event writes to. */
    @Override
    public String requestId() {
        return cancelled.getTaskId();
    }

    /** One task is scheduled, changed and cancelled many times, so outcomes are identified by the event. */
    @Override
    public String outcomeKey() {
        return cancelled.getMetadata().getEventId().toString();
    }

    @Override
    public String inputEventId() {
        return cancelled.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return cancelled.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return cancelled.toString();
    }
}
