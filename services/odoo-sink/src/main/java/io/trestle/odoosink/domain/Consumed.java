package io.trestle.odoosink.domain;

/**
 * A record the sink consumed and decoded, whatever its input: where it came from, its bytes as they were on the topic
 * (so a refused record can be dead-lettered verbatim), and the identities its outcome events carry.
 */
public interface Consumed {

    String topic();

    int partition();

    long offset();

    String key();

    byte[] rawValue();

    /** Idempotency key of the write ({@code SinkOutcome.requestId}): the same key always designates the same record. */
    String requestId();

    /**
     * What the ids of this record's outcome events derive from, so that a batch repeated after a crash repeats the same
     * events instead of adding new ones.
     */
    String outcomeKey();

    /** {@code metadata.eventId} of the consumed event. */
    String inputEventId();

    /** Correlation id of the consumed event, copied onto its outcomes; null when it has none. */
    String correlationId();

    /** The decoded event as text, for the person reading a dead letter. */
    String payloadText();
}
