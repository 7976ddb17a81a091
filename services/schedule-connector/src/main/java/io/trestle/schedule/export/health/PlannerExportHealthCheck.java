package io.trestle.schedule.export.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code planner-export}: up while the export runs or waits for the planner (the planner being down is not this
 * service's fault, and the updates wait safely in Kafka); down when it FAILED, which a person has to fix. The backlog
 * is in the data either way. Liveness is not affected: a restart would not bring the planner back.
 */
@Readiness
@ApplicationScoped
public class PlannerExportHealthCheck implements HealthCheck {

    private final ExportStatus status;

    @Inject
    public PlannerExportHealthCheck(ExportStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        ExportStatus.Snapshot snapshot = status.snapshot();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("planner-export")
                .status(snapshot.state() != ExportStatus.State.FAILED)
                .withData("state", snapshot.state().name())
                .withData("since", snapshot.since().toString())
                .withData("attempt", snapshot.attempt())
                .withData("lag", snapshot.lag());
        if (snapshot.lastError() != null) {
            response.withData("lastError", snapshot.lastError());
        }
        return response.build();
    }
}
