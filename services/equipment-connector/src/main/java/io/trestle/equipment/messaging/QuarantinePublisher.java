package io.trestle.equipment.messaging;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.Record;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.QuarantineSink;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Publishes refused input to the quarantine topic, keyed by the detecting service as every producer of that topic does,
 * so the replay API reads one service's entries in order.
 */
@Singleton // no client proxy: its superclass has no constructor without parameters to proxy through
@Startup // checks the limits when the application starts, not at the first poll
public class QuarantinePublisher extends BoundedPublisher<QuarantinedEvent> implements QuarantineSink {

    /**
     * Channel of the quarantine topic; its topic name is configuration ({@code trestle.equipment-connector.topics}).
     */
    public static final String CHANNEL = "quarantine-out";

    @Inject
    public QuarantinePublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER_SIZE) Emitter<Record<String, QuarantinedEvent>> emitter,
            EquipmentConnectorConfig config) {
        super(emitter, QuarantinedEvent::getDetectedBy, CHANNEL, config.ingest().maxInFlightReadings(),
                config.ingest().maxBatchSize());
    }
}
