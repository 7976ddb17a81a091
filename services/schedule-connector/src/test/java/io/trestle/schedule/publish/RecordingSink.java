package io.trestle.schedule.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.trestle.schedule.mapping.Publication;

/** Keeps what it is sent; told to fail, it fails every send as a broker that does not answer would. */
public class RecordingSink implements EventSink {

    public final List<Publication> sent = new ArrayList<>();
    public boolean failing;

    @Override
    public CompletableFuture<Void> send(List<Publication> publications) {
        sent.addAll(publications);
        return failing
                ? CompletableFuture.failedFuture(new IllegalStateException("no broker"))
                : CompletableFuture.completedFuture(null);
    }

    public List<Publication> takeSent() {
        List<Publication> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }
}
