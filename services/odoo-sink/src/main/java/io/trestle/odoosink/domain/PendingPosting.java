package io.trestle.odoosink.domain;

import io.trestle.schema.cost.CostPosting;

/**
 * A consumed cost posting with where it came from, and its bytes as they were on the topic so a refused posting can be
 * dead-lettered verbatim.
 */
public record PendingPosting(CostPosting posting, String topic, int partition, long offset, String key,
        byte[] rawValue) implements Consumed {

    @Override
    public String requestId() {
        return posting.getPostingId();
    }

    /** A posting is written once per posting id, so its outcomes are identified by it. */
    @Override
    public String outcomeKey() {
        return posting.getPostingId();
    }

    @Override
    public String inputEventId() {
        return posting.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return posting.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return posting.toString();
    }
}
