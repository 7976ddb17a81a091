package io.trestle.equipment.service;

import java.util.function.Consumer;

import io.trestle.schema.operations.QuarantinedEvent;

/** The quarantine topic as a replay reads it. */
public interface QuarantineLog {

    /**
     * Hands every entry from the topic's beginning up to its end at the time of the call to {@code each}, in the order
     * they were written; entries written meanwhile, such as the replay's own, are not read. Each entry is decoded for
     * this call alone, so the caller may change it.
     *
     * @throws IllegalStateException
     *             when the end could not be reached in time
     */
    void readToEnd(Consumer<QuarantinedEvent> each);
}
