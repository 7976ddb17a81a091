package io.trestle.odoosink.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.Consumed;
import io.trestle.odoosink.health.SinkStatus;

/**
 * Runs one {@link OdooSinkLoop} per input for the life of the application, each in a consumer group of its own: a
 * rebalance or a pause of one input never stalls the others, and an added input reads its topic from the beginning.
 */
@ApplicationScoped
public class OdooSink {

    private final List<OdooSinkLoop<?, ?>> loops;

    @Inject
    public OdooSink(SinkInputs inputs, KafkaClients clients, SinkConfig config, SinkStatus status,
            MeterRegistry registry) {
        this.loops = inputs.all().stream()
                .<OdooSinkLoop<?, ?>>map(input -> loop(input, clients, config, status, registry))
                .toList();
    }

    private static <T extends SpecificRecord, P extends Consumed> OdooSinkLoop<T, P> loop(SinkInput<T, P> input,
            KafkaClients clients, SinkConfig config, SinkStatus status, MeterRegistry registry) {
        return new OdooSinkLoop<>(input, clients, config, status, registry);
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
