package io.trestle.schedule.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trestle.rest.AuthenticationFailure;

/**
 * Counts refused requests by reason and client, as every Trestle API does. Clients are tagged only once their API key
 * matched, so the tag's values are bounded by the configuration; credentials are never tags.
 */
@ApplicationScoped
public class AuthenticationMetrics {

    public static final String FAILURES = "trestle.authentication.failures";

    private final MeterRegistry registry;

    @Inject
    public AuthenticationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(@Observes AuthenticationFailure failure) {
        Counter.builder(FAILURES)
                .description("Requests refused for a missing or wrong API key or request signature")
                .tag("reason", failure.reason())
                .tag("client", failure.client() != null ? failure.client() : "none")
                .register(registry)
                .increment();
    }
}
