package io.trestle.schedule.publish;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.trestle.schedule.mapping.Publication;

/** Where schedule events and quarantine entries go: their topics, keyed as the topic catalogue says. */
public interface EventSink {

    /**
     * @return completes when the broker acknowledged every publication, exceptionally when any of them failed; events
     *         of one key keep their order
     */
    CompletableFuture<Void> send(List<Publication> publications);
}
