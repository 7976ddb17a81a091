package io.trestle.schedule.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import io.trestle.rest.ApiKeys;

/** Parses the API keys once, at startup, so a malformed entry stops the application instead of its first request. */
public class ApiKeysProducer {

    public static final String PROPERTY = "trestle.schedule-connector.api-keys";

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(ScheduleConnectorConfig config, Config rawConfig) {
        return ApiKeys.fromConfig(PROPERTY, config.apiKeys(), rawConfig.getPropertyNames(), "API");
    }
}
