package io.trestle.equipment.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.trestle.equipment.service.VendorPolling;
import io.trestle.equipment.service.VendorStatus;

/**
 * Reports each vendor's polling state. Always up: a vendor outage must not take push ingest out of service, and the
 * poller recovers by itself; alert on {@code lastSuccessfulCycle} growing old instead.
 */
@Readiness
@ApplicationScoped
public class VendorPollingHealthCheck implements HealthCheck {

    private final VendorPolling polling;

    @Inject
    public VendorPollingHealthCheck(VendorPolling polling) {
        this.polling = polling;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("aemp-polling").up();
        for (VendorStatus status : polling.statuses()) {
            String prefix = status.vendor() + ".";
            response.withData(prefix + "lastSuccessfulCycle",
                    status.lastSuccessfulCycle().map(Object::toString).orElse("never"));
            response.withData(prefix + "lastOutcome", status.lastOutcome().map(Enum::name).orElse("none"));
            status.lastError().ifPresent(error -> response.withData(prefix + "lastError", error));
            response.withData(prefix + "readingsPublished", status.readingsPublished());
            response.withData(prefix + "readingsQuarantined", status.readingsQuarantined());
            response.withData(prefix + "requestsMade", status.requestsMade());
            response.withData(prefix + "unresolvedMachines", status.unresolvedMachines());
            response.withData(prefix + "readingsBackfilled", status.readingsBackfilled());
            response.withData(prefix + "backfillsPending", status.backfillsPending());
            response.withData(prefix + "backfillsCapped", status.backfillsCapped());
            status.lastBackfillCap().ifPresent(cap -> response.withData(prefix + "lastBackfillCap", cap));
            status.lastBackfillError().ifPresent(error -> response.withData(prefix + "lastBackfillError", error));
        }
        return response.build();
    }
}
