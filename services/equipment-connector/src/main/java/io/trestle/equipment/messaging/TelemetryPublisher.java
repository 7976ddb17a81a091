package io.trestle.equipment.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import io.smallrye.reactive.messaging.kafka.Record;
import io.trestle.schema.equipment.TelemetryReading;

/** Publishes telemetry events keyed by asset, so every reading of one machine lands in order on one partition. */
@ApplicationScoped
public class TelemetryPublisher {

    /** Channel of the telemetry topic; its topic name is configuration ({@code trestle.equipment-connector.topics}). */
    public static final String CHANNEL = "telemetry-out";

    private final Emitter<Record<String, TelemetryReading>> emitter;

    @Inject
    public TelemetryPublisher(@Channel(CHANNEL) Emitter<Record<String, TelemetryReading>> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker acknowledged every reading, exceptionally when any of them failed. */
    public CompletableFuture<Void> publish(List<TelemetryReading> readings) {
        CompletableFuture<?>[] acks = readings.stream()
                .map(reading -> emitter.send(Record.of(reading.getAssetId(), reading)).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }
}
