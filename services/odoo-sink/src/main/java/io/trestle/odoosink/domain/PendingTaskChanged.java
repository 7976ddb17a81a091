package io.trestle.odoosink.domain;

import io.trestle.schema.schedule.TaskChanged;

/** A consumed change of a scheduled task, with where it came from and its bytes as they were on the topic. */
public record PendingTaskChanged(TaskChanged changed, String topic, int partition, long offset, String key,
        byte[] rawValue)
        implements
            Consumed {

    /** The task the event writes to. */
    @Override
    public String requestId() {
        return changed.getTaskId();
    }

    /** One task is scheduled, changed and cancelled many times, so outcomes are identified by the event. */
    @Override
    public String outcomeKey() {
        return changed.getMetadata().getEventId().toString();
    }

    @Override
    public String inputEventId() {
        return changed.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return changed.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return changed.toString();
    }
}
