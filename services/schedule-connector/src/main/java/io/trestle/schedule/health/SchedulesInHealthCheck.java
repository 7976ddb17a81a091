package io.trestle.schedule.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.trestle.schedule.drafts.DropFolder;
import io.trestle.schedule.publish.Crosswalk;
import io.trestle.schedule.publish.PublishedSchedules;

/**
 * Down until the published versions and the crosswalk are read: before that a publish would send every project whole
 * again, or refuse changes of mapped ids. The drop folder's state is reported but never takes the service down: alert
 * on {@code dropFolder.lastError} instead.
 */
@Readiness
@ApplicationScoped
public class SchedulesInHealthCheck implements HealthCheck {

    private final PublishedSchedules versions;
    private final Crosswalk crosswalk;
    private final DropFolder dropFolder;

    @Inject
    public SchedulesInHealthCheck(PublishedSchedules versions, Crosswalk crosswalk, DropFolder dropFolder) {
        this.versions = versions;
        this.crosswalk = crosswalk;
        this.dropFolder = dropFolder;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("schedules-in")
                .status(versions.ready() && crosswalk.ready())
                .withData("publishedVersionsRead", versions.ready())
                .withData("crosswalkRead", crosswalk.ready());
        if (versions.ready()) {
            response.withData("publishedProjects", versions.size());
        }
        dropFolder.status().ifPresent(status -> {
            response.withData("dropFolder", status.folder().toString());
            response.withData("dropFolder.lastScan",
                    status.lastScan() == null ? "never" : status.lastScan().toString());
            response.withData("dropFolder.processed", status.processed());
            response.withData("dropFolder.rejected", status.rejected());
            if (status.lastError() != null) {
                response.withData("dropFolder.lastError", status.lastError());
            }
        });
        return response.build();
    }
}
