package io.trestle.equipment.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where the events of each kind of push item go: their topics, keyed by asset. */
public interface PushEventSinks {

    /**
     * @return empty, with nothing sent, when too many events of the kind await the broker; otherwise a future
     *         completing when the broker acknowledged every event
     */
    <E> Optional<CompletableFuture<Void>> tryPublish(PushEventType<?, E> type, List<E> events);
}
