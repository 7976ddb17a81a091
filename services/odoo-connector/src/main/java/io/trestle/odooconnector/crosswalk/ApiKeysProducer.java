package io.trestle.odooconnector.crosswalk;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.rest.ApiKeyRoles;
import io.trestle.rest.ApiKeys;
import io.trestle.rest.Role;

/**
 * Parses the crosswalk API's keys and their roles once, at startup, so a malformed entry stops the service, not a
 * request.
 */
public class ApiKeysProducer {

    static final String PROPERTY = "trestle.odoo-connector.api-keys";
    static final String ROLES_PROPERTY = "trestle.odoo-connector.api-key-roles";

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(ConnectorConfig config, Config rawConfig) {
        return ApiKeys.fromConfig(PROPERTY, config.apiKeys(), rawConfig.getPropertyNames(), "crosswalk API");
    }

    /**
     * Clients not listed keep {@link Role#WRITE}, the role every crosswalk client needed before roles existed: the API
     * only maps and withdraws ids.
     */
    @Produces
    @Singleton
    @Startup
    ApiKeyRoles apiKeyRoles(ConnectorConfig config, Config rawConfig, ApiKeys apiKeys) {
        return ApiKeyRoles.fromConfig(ROLES_PROPERTY, config.apiKeyRoles(), Role.WRITE, rawConfig.getPropertyNames(),
                apiKeys);
    }
}
