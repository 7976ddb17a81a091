package io.trestle.equipment.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.Record;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.schema.equipment.TelemetryReading;

/**
 * Publishes telemetry events keyed by asset, so every reading of one machine lands in order on one partition.
 * <p>
 * The emitter refuses a send by throwing once its buffer is full, and a failed emission can end the channel. So the
 * publisher admits a batch only when all of its readings fit under {@code max-in-flight-readings}, counted until the
 * broker has answered for each of them, and that limit never exceeds the emitter's buffer.
 */
@ApplicationScoped
@Startup // checks the limits when the application starts, not at the first request
public class TelemetryPublisher {

    /** Channel of the telemetry topic; its topic name is configuration ({@code trestle.equipment-connector.topics}). */
    public static final String CHANNEL = "telemetry-out";

    /**
     * Readings the emitter holds before the Kafka sink takes them. An annotation value, hence a constant; it only
     * counts, the buffer itself grows with what is really held.
     */
    public static final int EMITTER_BUFFER_SIZE = 65_536;

    private final Emitter<Record<String, TelemetryReading>> emitter;
    private final Semaphore inFlight;

    @Inject
    public TelemetryPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER_SIZE) Emitter<Record<String, TelemetryReading>> emitter,
            EquipmentConnectorConfig config) {
        this(emitter, config.ingest().maxInFlightReadings(), config.ingest().maxBatchSize());
    }

    TelemetryPublisher(Emitter<Record<String, TelemetryReading>> emitter, int maxInFlightReadings, int maxBatchSize) {
        if (maxInFlightReadings < maxBatchSize) {
            throw new IllegalArgumentException("trestle.equipment-connector.ingest.max-in-flight-readings ("
                    + maxInFlightReadings + ") must be at least trestle.equipment-connector.ingest.max-batch-size ("
                    + maxBatchSize + "), or a full batch could never be published");
        }
        if (maxInFlightReadings > EMITTER_BUFFER_SIZE) {
            throw new IllegalArgumentException("trestle.equipment-connector.ingest.max-in-flight-readings ("
                    + maxInFlightReadings + ") must be at most " + EMITTER_BUFFER_SIZE
                    + ", the emitter buffer of channel " + CHANNEL);
        }
        this.emitter = emitter;
        this.inFlight = new Semaphore(maxInFlightReadings);
    }

    /**
     * Hands the readings to Kafka if all of them fit under the in-flight limit.
     *
     * @return empty, with nothing sent, when the limit leaves no room for the whole batch; otherwise a future that
     *         completes when the broker acknowledged every reading, exceptionally when any of them failed
     */
    public Optional<CompletableFuture<Void>> tryPublish(List<TelemetryReading> readings) {
        int size = readings.size();
        if (!inFlight.tryAcquire(size)) {
            return Optional.empty();
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(size);
        RuntimeException refused = null;
        try {
            for (TelemetryReading reading : readings) {
                acks.add(emitter.send(Record.of(reading.getAssetId(), reading)).toCompletableFuture());
            }
        } catch (RuntimeException e) {
            refused = e;
        }
        CompletableFuture<Void> settled = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        // Released only when the broker has answered for every reading sent: until then they occupy the emitter.
        settled.whenComplete((ignored, failure) -> inFlight.release(size));
        if (refused != null) {
            return Optional.of(CompletableFuture.failedFuture(refused));
        }
        // A copy, because callers time out the future they get; that must not complete the one guarding the permits.
        return Optional.of(settled.copy());
    }
}
