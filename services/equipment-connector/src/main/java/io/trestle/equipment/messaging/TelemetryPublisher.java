package io.trestle.equipment.messaging;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.Record;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.ReadingPublisher;
import io.trestle.schema.equipment.TelemetryReading;

/** Publishes telemetry readings keyed by asset. */
@Singleton // no client proxy: its superclass has no constructor without parameters to proxy through
@Startup // checks the limits when the application starts, not at the first request
public class TelemetryPublisher extends BoundedPublisher<TelemetryReading> implements ReadingPublisher {

    /** Channel of the telemetry topic; its topic name is configuration ({@code trestle.equipment-connector.topics}). */
    public static final String CHANNEL = "telemetry-out";

    @Inject
    public TelemetryPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER_SIZE) Emitter<Record<String, TelemetryReading>> emitter,
            EquipmentConnectorConfig config) {
        this(emitter, config.ingest().maxInFlightReadings(), config.ingest().maxBatchSize());
    }

    TelemetryPublisher(Emitter<Record<String, TelemetryReading>> emitter, int maxInFlightReadings, int maxBatchSize) {
        super(emitter, TelemetryReading::getAssetId, CHANNEL, maxInFlightReadings, maxBatchSize);
    }
}
