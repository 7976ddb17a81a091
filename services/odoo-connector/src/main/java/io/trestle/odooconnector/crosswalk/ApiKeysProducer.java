package io.trestle.odooconnector.crosswalk;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.rest.ApiKeys;

/** Parses the crosswalk API's keys once, at startup, so a malformed entry stops the service, not a request. */
public class ApiKeysProducer {

    static final String PROPERTY = "trestle.odoo-connector.api-keys";
    private static final Logger LOG = Logger.getLogger(ApiKeysProducer.class);

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(ConnectorConfig config, Config rawConfig) {
        ApiKeys.rejectPerClientProperties(PROPERTY, rawConfig.getPropertyNames());
        ApiKeys keys = ApiKeys.parse(PROPERTY, config.apiKeys().orElse(List.of()));
        if (keys.clients().isEmpty()) {
            LOG.warnf("No crosswalk API clients configured (%s); every crosswalk request will be refused with 401",
                    PROPERTY);
        }
        return keys;
    }
}
