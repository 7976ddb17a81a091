package io.trestle.odoosink.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the sink writes into Odoo. Down while Odoo is unreachable (nothing is lost: consumption waits) and when
 * Odoo refused the sink's credentials or rights (a person must act), with the reason in the data.
 */
@Readiness
@ApplicationScoped
public class SinkHealthCheck implements HealthCheck {

    private final SinkStatus status;

    @Inject
    public SinkHealthCheck(SinkStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        SinkStatus.Snapshot snapshot = status.snapshot();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("odoo-sink")
                .status(snapshot.state() == SinkStatus.State.RUNNING)
                .withData("state", snapshot.state().name())
                .withData("since", snapshot.since().toString())
                .withData("posted", snapshot.posted())
                .withData("rejected", snapshot.rejected())
                .withData("lag", snapshot.lag());
        if (snapshot.input() != null) {
            response.withData("input", snapshot.input());
        }
        if (snapshot.lastError() != null) {
            response.withData("lastError", snapshot.lastError()).withData("attempt", snapshot.attempt());
        }
        return response.build();
    }
}
