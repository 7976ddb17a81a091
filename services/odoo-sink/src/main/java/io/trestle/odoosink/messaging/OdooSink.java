package io.trestle.odoosink.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.health.SinkStatus;

/**
 * Runs one {@link OdooSinkLoop} per input for the life of the application. The loops share the consumer group, so the
 * committed positions stay where they were when an input is added.
 */
@ApplicationScoped
public class OdooSink {

    private final List<OdooSinkLoop<?, ?>> loops;

    @Inject
    public OdooSink(CostPostingInput costPostings, WorkOrderInput workOrders, FaultInput faults,
            KafkaClients clients, SinkConfig config, SinkStatus status, MeterRegistry registry) {
        this.loops = List.of(new OdooSinkLoop<>(costPostings, clients, config, status, registry),
                new OdooSinkLoop<>(workOrders, clients, config, status, registry),
                new OdooSinkLoop<>(faults, clients, config, status, registry));
    }

    void start(@Observes StartupEvent event) {
        loops.forEach(OdooSinkLoop::start);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        for (OdooSinkLoop<?, ?> loop : loops) {
            loop.stop();
        }
    }
}
