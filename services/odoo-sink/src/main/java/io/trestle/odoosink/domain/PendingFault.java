package io.trestle.odoosink.domain;

import io.trestle.schema.equipment.FaultReported;

/** A consumed fault event with where it came from and its bytes as they were on the topic. */
public record PendingFault(FaultReported fault, String topic, int partition, long offset, String key,
        byte[] rawValue) implements Consumed {

    @Override
    public String requestId() {
        return fault.getFaultId();
    }

    /** The raising and the clearing of one fault share its id, so outcomes are identified by the event. */
    @Override
    public String outcomeKey() {
        return fault.getMetadata().getEventId().toString();
    }

    @Override
    public String inputEventId() {
        return fault.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return fault.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return fault.toString();
    }
}
