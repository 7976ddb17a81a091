package io.trestle.odoosink.domain;

import io.trestle.schema.schedule.TaskScheduled;

/** A consumed task entering the approved schedule, with where it came from and its bytes as they were on the topic. */
public record PendingTaskScheduled(TaskScheduled scheduled, String topic, int partition, long offset, String key,
        byte[] rawValue)
        implements
            Consumed {

    /** The task the event writes to. */
    @Override
    public String requestId() {
        return scheduled.getTaskId();
    }

    /** One task is scheduled, changed and cancelled many times, so outcomes are identified by the event. */
    @Override
    public String outcomeKey() {
        return scheduled.getMetadata().getEventId().toString();
    }

    @Override
    public String inputEventId() {
        return scheduled.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return scheduled.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return scheduled.toString();
    }
}
