package io.trestle.odooconnector.crosswalk;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.rest.ApiKeys;

/** Parses the crosswalk API's keys once, at startup, so a malformed entry stops the service, not a request. */
public class ApiKeysProducer {

    static final String PROPERTY = "trestle.odoo-connector.api-keys";

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(ConnectorConfig config, Config rawConfig) {
        return ApiKeys.fromConfig(PROPERTY, config.apiKeys(), rawConfig.getPropertyNames(), "crosswalk API");
    }
}
