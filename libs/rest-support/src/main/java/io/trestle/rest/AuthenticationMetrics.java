package io.trestle.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts refused requests by reason and client, so a client whose clock drifts or whose secret was rotated on one side
 * only shows up on a dashboard before its operators call. Clients are tagged only once their API key matched or their
 * token was valid, so the tag's values are bounded by the configuration and the OpenID provider's clients; credentials
 * are never tags. Every service with an {@link ApiKeyAuthenticated} API gets it with this library.
 */
@ApplicationScoped
public class AuthenticationMetrics {

    public static final String FAILURES = "trestle.authentication.failures";
    static final String NO_CLIENT = "none";

    private final MeterRegistry registry;

    @Inject
    public AuthenticationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(@Observes AuthenticationFailure failure) {
        Counter.builder(FAILURES)
                .description("Requests refused for a missing or wrong API key, an invalid bearer token, a missing or "
                        + "wrong request signature, or a role that does not allow the endpoint")
                .tag("reason", failure.reason())
                .tag("client", failure.client() != null ? failure.client() : NO_CLIENT)
                .register(registry)
                .increment();
    }
}
