package io.trestle.odoosink.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.micrometer.core.instrument.MeterRegistry;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.RetryPolicy;
import io.trestle.odoosink.config.SinkConfig;

/**
 * One Odoo client for the service: it authenticates once and reuses the uid, which matters because every login costs
 * Odoo about a second of CPU. The client does not retry; the sink's loop owns retries, so it can pause consumption
 * while it waits.
 */
@ApplicationScoped
public class OdooClientProducer {

    @Produces
    @ApplicationScoped
    OdooClient odooClient(SinkConfig config, MeterRegistry registry) {
        SinkConfig.Odoo odoo = config.odoo();
        OdooClientConfig clientConfig = OdooClientConfig.of(odoo.url(), odoo.database(), odoo.login(), odoo.apiKey())
                .withProtocol(odoo.protocol())
                .withTimeouts(odoo.connectTimeout(), odoo.readTimeout())
                .withRetry(RetryPolicy.none());
        return OdooClient.create(clientConfig, registry);
    }

    void close(@Disposes OdooClient client) {
        client.close();
    }
}
