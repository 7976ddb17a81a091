package io.trestle.odoo.client;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** {@link CallMetrics} as a Micrometer timer per call and a counter of retries. */
final class MicrometerCallMetrics implements CallMetrics {

    static final String CALLS = "trestle.odoo.client.calls";
    static final String RETRIES = "trestle.odoo.client.retries";

    private final MeterRegistry registry;

    private MicrometerCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static CallMetrics of(MeterRegistry registry) {
        return new MicrometerCallMetrics(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void call(String model, String method, String outcome, long nanos) {
        Timer.builder(CALLS)
                .description("Calls to the Odoo external API, including the client's retries")
                .tag("model", model)
                .tag("method", method)
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retry(String model, String method) {
        Counter.builder(RETRIES)
                .description("Attempts the client repeated after a transient failure")
                .tag("model", model)
                .tag("method", method)
                .register(registry)
                .increment();
    }
}
