package io.trestle.telemetry.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.trestle.rest.ApiKeys;

/** Parses the API keys once, at startup, so a malformed entry stops the application instead of its first query. */
public class ApiKeysProducer {

    private static final Logger LOG = Logger.getLogger(ApiKeysProducer.class);
    public static final String PROPERTY = "trestle.telemetry-aggregator.api-keys";

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(AggregatorConfig config, Config rawConfig) {
        ApiKeys.rejectPerClientProperties(PROPERTY, rawConfig.getPropertyNames());
        ApiKeys keys = ApiKeys.parse(PROPERTY, config.apiKeys().orElse(List.of()));
        if (keys.clients().isEmpty()) {
            LOG.warnf("No query clients configured (%s); every query will be refused with 401", PROPERTY);
        } else {
            LOG.infof("%d query client(s) configured: %s", keys.clients().size(), String.join(", ", keys.clients()));
        }
        return keys;
    }
}
