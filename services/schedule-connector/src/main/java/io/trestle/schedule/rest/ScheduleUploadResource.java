package io.trestle.schedule.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.schedule.drafts.DraftSource;
import io.trestle.schedule.drafts.DraftStore.Saved;
import io.trestle.schedule.drafts.RejectedFiles;
import io.trestle.schedule.drafts.RejectedFiles.Rejection;
import io.trestle.schedule.drafts.ScheduleIntake;
import io.trestle.schedule.read.UnreadableScheduleException;

/** Upload of schedule files: each becomes a draft, published only by the publish API or a configured rule. */
@Path("/api/v1/schedules")
@ApiKeyAuthenticated(Role.WRITE)
public class ScheduleUploadResource {

    private final ScheduleIntake intake;
    private final RejectedFiles rejectedFiles;
    private final Arrivals arrivals;

    @Inject
    public ScheduleUploadResource(ScheduleIntake intake, RejectedFiles rejectedFiles, Arrivals arrivals) {
        this.intake = intake;
        this.rejectedFiles = rejectedFiles;
        this.arrivals = arrivals;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Upload a schedule file as a draft", description = "Takes a Primavera P6 XER, P6 XML (PMXML) "
            + "or MS Project XML (MSPDI) file as the raw body, of any content type: the format is told from the "
            + "content. The file is read in full and kept as a draft under the SHA-256 of its content; the same "
            + "file again is the same draft. A draft is published by POST /api/v1/schedules/drafts/{id}/publish, or "
            + "at once when a configured approval rule (trestle.schedule-connector.approval) approves a project of it.")
    @APIResponse(responseCode = "201", description = "A new draft (and, when a rule approved it, what publishing did)")
    @APIResponse(responseCode = "200", description = "The same content was received before: its draft")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key, or a missing or wrong signature")
    @APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts")
    @APIResponse(responseCode = "422", description = "Not a schedule the connector can read: the file is kept in "
            + "<data-dir>/rejected/ with a .reason.txt and quarantined (MALFORMED_PAYLOAD)")
    @APIResponse(responseCode = "503", description = "The file is kept as a draft, but publishing it as approved "
            + "could not run or was not acknowledged: upload it again or publish the draft")
    public Response upload(byte[] body,
            @Parameter(description = "The file's name, shown with the draft; never used to tell the format") @QueryParam("filename") String fileName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context ContainerRequestContext request) {
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (client == null) {
            // Fail closed: reaching here unauthenticated means the filter was not applied, a wiring fault.
            return ScheduleProblems.notAuthenticated();
        }
        Saved saved;
        try {
            saved = intake.receive(body, DraftSource.UPLOAD, fileName, client);
        } catch (UnreadableScheduleException e) {
            Rejection rejection = rejectedFiles.rejectUpload(body, fileName, contentType, client, e);
            return ScheduleProblems.unreadableSchedule(e.getMessage() + ". The file is kept for inspection as "
                    + rejection.keptAt().getFileName() + (rejection.quarantined()
                            ? " and quarantined as " + rejection.quarantineId()
                            : "; its quarantine entry " + rejection.quarantineId() + " was not acknowledged")
                    + ".");
        }
        return arrivals.answer(saved);
    }
}
