package io.trestle.schedule.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import io.trestle.rest.ApiKeys;
import io.trestle.rest.RequestSignatureFilter;
import io.trestle.rest.RequestSignatures;

/**
 * Parses the clients' signing secrets once, at startup, so a malformed entry stops the application instead of letting a
 * client's requests through unsigned. Producing the bean is what turns on {@link RequestSignatureFilter}.
 */
public class RequestSignaturesProducer {

    public static final String PROPERTY = "trestle.schedule-connector.signing-secrets";

    @Produces
    @Singleton
    @Startup
    RequestSignatures requestSignatures(ScheduleConnectorConfig config, Config rawConfig, ApiKeys apiKeys) {
        return RequestSignatures.fromConfig(PROPERTY, config.signingSecrets(), config.signatureTolerance(),
                rawConfig.getPropertyNames(), apiKeys);
    }
}
