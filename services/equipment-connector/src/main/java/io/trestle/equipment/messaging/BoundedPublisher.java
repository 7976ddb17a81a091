package io.trestle.equipment.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Emitter;

import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes events of one channel keyed by asset, so every event of one machine lands in order on one partition.
 * <p>
 * The emitter refuses a send by throwing once its buffer is full, and a failed emission can end the channel. So the
 * publisher admits a batch only when all of its events fit under {@code max-in-flight-readings}, counted until the
 * broker has answered for each of them, and that limit never exceeds the emitter's buffer. Each channel has room of its
 * own, so a flood of telemetry cannot hold back a breakdown.
 */
public class BoundedPublisher<V> {

    /**
     * Events the emitter holds before the Kafka sink takes them. An annotation value, hence a constant; it only counts,
     * the buffer itself grows with what is really held.
     */
    public static final int EMITTER_BUFFER_SIZE = 65_536;

    private final Emitter<Record<String, V>> emitter;
    private final Function<V, String> keyOf;
    private final Semaphore inFlight;

    public BoundedPublisher(Emitter<Record<String, V>> emitter, Function<V, String> keyOf, String channel,
            int maxInFlight, int maxBatchSize) {
        if (maxInFlight < maxBatchSize) {
            throw new IllegalArgumentException("trestle.equipment-connector.ingest.max-in-flight-readings ("
                    + maxInFlight + ") must be at least trestle.equipment-connector.ingest.max-batch-size ("
                    + maxBatchSize + "), or a full batch could never be published");
        }
        if (maxInFlight > EMITTER_BUFFER_SIZE) {
            throw new IllegalArgumentException("trestle.equipment-connector.ingest.max-in-flight-readings ("
                    + maxInFlight + ") must be at most " + EMITTER_BUFFER_SIZE + ", the emitter buffer of channel "
                    + channel);
        }
        this.emitter = emitter;
        this.keyOf = keyOf;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Hands the events to Kafka if all of them fit under the in-flight limit.
     *
     * @return empty, with nothing sent, when the limit leaves no room for the whole batch; otherwise a future that
     *         completes when the broker acknowledged every event, exceptionally when any of them failed
     */
    public Optional<CompletableFuture<Void>> tryPublish(List<V> events) {
        int size = events.size();
        if (!inFlight.tryAcquire(size)) {
            return Optional.empty();
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(size);
        RuntimeException refused = null;
        try {
            for (V event : events) {
                acks.add(emitter.send(Record.of(keyOf.apply(event), event)).toCompletableFuture());
            }
        } catch (RuntimeException e) {
            refused = e;
        }
        CompletableFuture<Void> settled = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        // Released only when the broker has answered for every event sent: until then they occupy the emitter.
        settled.whenComplete((ignored, failure) -> inFlight.release(size));
        if (refused != null) {
            return Optional.of(CompletableFuture.failedFuture(refused));
        }
        // A copy, because callers time out the future they get; that must not complete the one guarding the permits.
        return Optional.of(settled.copy());
    }
}
