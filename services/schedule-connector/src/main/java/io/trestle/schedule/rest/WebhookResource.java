package io.trestle.schedule.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.schedule.drafts.DraftSource;
import io.trestle.schedule.drafts.DraftStore.Saved;
import io.trestle.schedule.drafts.ScheduleIntake;
import io.trestle.schedule.webhook.PlannerSchedule;

/**
 * The webhook of SaaS planners: a project's schedule as JSON, through the same draft and publish path as files. The raw
 * body is read, so that a signature covers exactly the bytes kept as the draft.
 */
@Path("/api/v1/schedules/webhook")
@ApiKeyAuthenticated(Role.WRITE)
public class WebhookResource {

    private final ScheduleIntake intake;
    private final Arrivals arrivals;

    @Inject
    public WebhookResource(ScheduleIntake intake, Arrivals arrivals) {
        this.intake = intake;
        this.arrivals = arrivals;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Receive a planner's schedule as JSON", description = "Takes one project's schedule whole: "
            + "project key and name, WBS, tasks with dates, status and percent complete, crew assignments and "
            + "equipment reservations. The whole body is checked first; an invalid one is refused with every item and "
            + "field named, and nothing of it is kept. A valid one becomes a draft of source system "
            + "planner:<client>; with \"approved\": true it is published at once, otherwise it waits for POST "
            + "/api/v1/schedules/drafts/{id}/publish.")
    @RequestBody(content = @Content(schema = @Schema(implementation = PlannerSchedule.class)))
    @APIResponse(responseCode = "201", description = "A new draft (and what publishing did, when approved)")
    @APIResponse(responseCode = "200", description = "The same body was received before: its draft")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key, or a missing or wrong signature")
    @APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
    @APIResponse(responseCode = "422", description = "Not a valid schedule; the violations name item and field")
    @APIResponse(responseCode = "503", description = "Kept as a draft, but publishing it as approved could not run or "
            + "was not acknowledged: send it again")
    public Response receive(byte[] body, @Context ContainerRequestContext request) {
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (client == null) {
            // Fail closed: reaching here unauthenticated means the filter was not applied, a wiring fault.
            return ScheduleProblems.notAuthenticated();
        }
        Saved saved = intake.receive(body, DraftSource.WEBHOOK, null, client);
        return arrivals.answer(saved);
    }
}
