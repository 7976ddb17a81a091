package io.trestle.equipment.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.trestle.schema.operations.QuarantinedEvent;

/** Where refused input goes: the quarantine topic, with its reason, to be replayed once fixed. */
public interface QuarantineSink {

    /**
     * @return empty, with nothing sent, when too many events await the broker; otherwise a future completing when the
     *         broker acknowledged every event
     */
    Optional<CompletableFuture<Void>> tryPublish(List<QuarantinedEvent> events);
}
