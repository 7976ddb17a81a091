package io.trestle.rest;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;

/**
 * The roles of a service that does not produce its own {@link ApiKeyRoles}: every client {@link Role#READ}. Such a
 * service has only read endpoints (the telemetry aggregator's query API), so there is nothing to configure; should it
 * gain a write endpoint, that endpoint refuses every client until the service produces its roles from an
 * {@code api-key-roles} property, as the connectors do.
 */
public class DefaultApiKeyRolesProducer {

    @Produces
    @Singleton
    @Startup
    @DefaultBean
    ApiKeyRoles apiKeyRoles() {
        return ApiKeyRoles.everyClient(Role.READ);
    }
}
