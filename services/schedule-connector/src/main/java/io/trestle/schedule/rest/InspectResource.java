package io.trestle.schedule.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.schedule.publish.SchedulePublisher;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.service.ImportedSchedule;
import io.trestle.schedule.service.ScheduleImport;

/**
 * A dry run for planners and integrators: what a schedule file would become, and what publishing it now would send.
 * Nothing is kept, published or quarantined.
 */
@Path("/api/v1/schedules/inspect")
@ApiKeyAuthenticated(Role.READ)
public class InspectResource {

    private final ScheduleImport files;
    private final SchedulePublisher publisher;

    @Inject
    public InspectResource(ScheduleImport files, SchedulePublisher publisher) {
        this.files = files;
        this.publisher = publisher;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Show what a schedule file would produce, publishing nothing", description = "Takes a P6 "
            + "XER, P6 XML or MS Project XML file as the raw body and answers, per project: its WBS, tasks, crew "
            + "assignments, equipment reservations and the assignments that are neither; the approval rule that would "
            + "publish it on arrival; the differences from the version last published (all of it when none was); "
            + "the events publishing it now would send; and the changes it would quarantine, with the ids the "
            + "crosswalk does not map.")
    @APIResponse(responseCode = "200", description = "What the file would produce; nothing was kept or published")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "The client's role does not include read")
    @APIResponse(responseCode = "422", description = "Not a schedule the connector can read (nothing is kept)")
    @APIResponse(responseCode = "503", description = "The published versions or the crosswalk are still being read")
    public InspectAnswer inspect(byte[] body) {
        List<ImportedSchedule> schedules = files.readApproving(body);
        // The id the file would have as a draft: its events' correlation id and part of their ids.
        String draftId = SnapshotJson.sha256(body);
        List<InspectAnswer.Project> projects = schedules.stream()
                .map(schedule -> InspectAnswer.project(publisher.plan(schedule.snapshot(), draftId),
                        schedule.approvedBy().orElse(null)))
                .toList();
        return new InspectAnswer(schedules.get(0).snapshot().format(), projects,
                List.of("Nothing was kept, published or quarantined. The events are those publishing this file now "
                        + "would send; publish it by uploading it (POST /api/v1/schedules) and then POST "
                        + "/api/v1/schedules/drafts/{id}/publish."));
    }
}
