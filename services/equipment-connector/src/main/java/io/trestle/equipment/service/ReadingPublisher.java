package io.trestle.equipment.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.trestle.schema.equipment.TelemetryReading;

/** Where polled readings go: the telemetry topic, keyed by asset. */
public interface ReadingPublisher {

    /**
     * @return empty, with nothing sent, when too many readings await the broker; otherwise a future completing when the
     *         broker acknowledged every reading
     */
    Optional<CompletableFuture<Void>> tryPublish(List<TelemetryReading> readings);
}
