package io.trestle.schedule.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import io.trestle.rest.ApiKeyRoles;
import io.trestle.rest.ApiKeys;
import io.trestle.rest.Role;

/**
 * Parses the API keys and their roles once, at startup, so a malformed entry stops the application instead of its first
 * request.
 */
public class ApiKeysProducer {

    public static final String PROPERTY = "trestle.schedule-connector.api-keys";
    public static final String ROLES_PROPERTY = "trestle.schedule-connector.api-key-roles";

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(ScheduleConnectorConfig config, Config rawConfig) {
        return ApiKeys.fromConfig(PROPERTY, config.apiKeys(), rawConfig.getPropertyNames(), "API");
    }

    /**
     * Clients not listed keep {@link Role#WRITE}, the role the uploading and webhook clients needed before roles
     * existed.
     */
    @Produces
    @Singleton
    @Startup
    ApiKeyRoles apiKeyRoles(ScheduleConnectorConfig config, Config rawConfig, ApiKeys apiKeys) {
        return ApiKeyRoles.fromConfig(ROLES_PROPERTY, config.apiKeyRoles(), Role.WRITE, rawConfig.getPropertyNames(),
                apiKeys);
    }
}
