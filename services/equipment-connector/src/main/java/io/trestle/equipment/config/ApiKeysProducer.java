package io.trestle.equipment.config;

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

    public static final String PROPERTY = "trestle.equipment-connector.api-keys";
    public static final String ROLES_PROPERTY = "trestle.equipment-connector.api-key-roles";

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(EquipmentConnectorConfig config, Config rawConfig) {
        return ApiKeys.fromConfig(PROPERTY, config.apiKeys(), rawConfig.getPropertyNames(), "push");
    }

    /** Clients not listed keep {@link Role#WRITE}, the role the push clients needed before roles existed. */
    @Produces
    @Singleton
    @Startup
    ApiKeyRoles apiKeyRoles(EquipmentConnectorConfig config, Config rawConfig, ApiKeys apiKeys) {
        return ApiKeyRoles.fromConfig(ROLES_PROPERTY, config.apiKeyRoles(), Role.WRITE, rawConfig.getPropertyNames(),
                apiKeys);
    }
}
