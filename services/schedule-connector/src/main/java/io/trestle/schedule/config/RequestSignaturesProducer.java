package io.trestle.schedule.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.trestle.rest.ApiKeys;
import io.trestle.rest.RequestSignatureFilter;
import io.trestle.rest.RequestSignatures;

/**
 * Parses the clients' signing secrets once, at startup, so a malformed entry stops the application instead of letting a
 * client's requests through unsigned. Producing the bean is what turns on {@link RequestSignatureFilter}.
 */
public class RequestSignaturesProducer {

    private static final Logger LOG = Logger.getLogger(RequestSignaturesProducer.class);
    public static final String PROPERTY = "trestle.schedule-connector.signing-secrets";

    @Produces
    @Singleton
    @Startup
    RequestSignatures requestSignatures(ScheduleConnectorConfig config, Config rawConfig, ApiKeys apiKeys) {
        RequestSignatures.rejectPerClientProperties(PROPERTY, rawConfig.getPropertyNames());
        RequestSignatures signatures = RequestSignatures.parse(PROPERTY, config.signingSecrets().orElse(List.of()),
                config.signatureTolerance());
        for (String client : signatures.clients()) {
            if (!apiKeys.clients().contains(client)) {
                // A typo here would otherwise leave the intended client unsigned without anyone noticing.
                throw new IllegalArgumentException(PROPERTY + " names client '" + client + "', which has no API key in "
                        + ApiKeysProducer.PROPERTY);
            }
        }
        if (!signatures.clients().isEmpty()) {
            LOG.infof("Clients that must sign their requests (tolerance %s): %s", signatures.tolerance(),
                    String.join(", ", signatures.clients()));
        }
        return signatures;
    }
}
