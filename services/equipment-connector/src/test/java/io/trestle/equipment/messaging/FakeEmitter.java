package io.trestle.equipment.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.Record;
import io.trestle.schema.equipment.TelemetryReading;

/**
 * An emitter whose broker answers only when the test says so: every send is recorded with a pending acknowledgement the
 * test completes, and the emitter can be told to refuse sends the way a full emitter buffer does.
 */
public final class FakeEmitter implements Emitter<Record<String, TelemetryReading>> {

    private final List<Record<String, TelemetryReading>> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> acks = new ArrayList<>();
    private int sendsBeforeRefusing = Integer.MAX_VALUE;

    /** From now on, accepts this many more sends and then throws like an emitter whose buffer is full. */
    public void refuseAfter(int sends) {
        sendsBeforeRefusing = sends;
    }

    public List<Record<String, TelemetryReading>> sent() {
        return sent;
    }

    /** The acknowledgement of the {@code index}-th send, for the test to complete or fail as the broker would. */
    public CompletableFuture<Void> ack(int index) {
        return acks.get(index);
    }

    public void acknowledgeAll() {
        acks.forEach(ack -> ack.complete(null));
    }

    @Override
    public CompletionStage<Void> send(Record<String, TelemetryReading> payload) {
        if (sendsBeforeRefusing-- <= 0) {
            throw new IllegalStateException("Insufficient downstream requests to emit item");
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        sent.add(payload);
        acks.add(ack);
        return ack;
    }

    @Override
    public <M extends Message<? extends Record<String, TelemetryReading>>> void send(M msg) {
        throw new UnsupportedOperationException("the publisher sends payloads");
    }

    @Override
    public void complete() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void error(Exception e) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
