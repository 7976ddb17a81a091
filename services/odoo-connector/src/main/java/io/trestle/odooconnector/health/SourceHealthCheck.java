package io.trestle.odooconnector.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.service.OdooConnector;
import io.trestle.odooconnector.source.SourceHealth;

/** Ready while the source reads Odoo and publishes; down, with the reason, while it starts, retries or failed. */
@Readiness
@ApplicationScoped
public class SourceHealthCheck implements HealthCheck {

    private final OdooConnector connector;
    private final ConnectorConfig config;

    @Inject
    public SourceHealthCheck(OdooConnector connector, ConnectorConfig config) {
        this.connector = connector;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        SourceHealth health = connector.health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("odoo-connector")
                .status(health.ready())
                .withData("mode", config.mode().name())
                .withData("state", health.state());
        if (health.lastError() != null) {
            response.withData("lastError", health.lastError());
        }
        health.details().forEach((key, value) -> response.withData(key, String.valueOf(value)));
        return response.build();
    }
}
