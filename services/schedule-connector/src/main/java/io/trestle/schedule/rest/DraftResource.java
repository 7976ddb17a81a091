package io.trestle.schedule.rest;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.schedule.drafts.Draft;
import io.trestle.schedule.drafts.DraftPublishing;
import io.trestle.schedule.drafts.DraftStore;
import io.trestle.schedule.publish.PublishOutcome;

/** The drafts kept, and the explicit publish step that makes one the published schedule. */
@Path("/api/v1/schedules/drafts")
@ApiKeyAuthenticated(Role.WRITE)
@Blocking
public class DraftResource {

    private final DraftStore drafts;
    private final DraftPublishing publishing;

    @Inject
    public DraftResource(DraftStore drafts, DraftPublishing publishing) {
        this.drafts = drafts;
        this.publishing = publishing;
    }

    /**
     * The answer to a publish: the draft as it is now, and per project what publishing did.
     */
    public record Published(Draft draft, List<PublishOutcome> published) {
    }

    @GET
    @ApiKeyAuthenticated(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the drafts", description = "Every draft kept, latest received first, with its source, "
            + "format, projects, the approval rule that approved a project on arrival, and when each project was last "
            + "published from it.")
    @APIResponse(responseCode = "200", description = "The drafts")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "The client's role does not include read")
    public List<Draft> list() {
        return drafts.list();
    }

    @GET
    @ApiKeyAuthenticated(Role.READ)
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "One draft")
    @APIResponse(responseCode = "200", description = "The draft")
    @APIResponse(responseCode = "404", description = "No draft of that id")
    @APIResponse(responseCode = "403", description = "The client's role does not include read")
    public Response draft(@PathParam("id") String id) {
        return drafts.find(id).map(draft -> Response.ok(draft).build()).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("{id}/publish")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Publish a draft", description = "Compares each project of the draft with its last published "
            + "version and publishes only the differences as TaskScheduled, TaskChanged, TaskCancelled, "
            + "CrewAssignmentChanged and ReservationChanged events; the draft's content becomes the published version "
            + "once the broker acknowledged every event. Changes whose ids the crosswalk does not map are quarantined "
            + "and left unpublished: publishing the draft again once they are mapped publishes them. Publishing the "
            + "same schedule again publishes nothing.")
    @APIResponse(responseCode = "200", description = "Per project: events published by type and their ids, and the "
            + "changes refused")
    @APIResponse(responseCode = "404", description = "No draft of that id")
    @APIResponse(responseCode = "413", description = "A project is too large to be stored as a published version")
    @APIResponse(responseCode = "503", description = "The published versions or the crosswalk are still being read "
            + "(with Retry-After), or the broker did not acknowledge: publish again")
    @APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
    public Response publish(@PathParam("id") String id) {
        Optional<Draft> draft = drafts.find(id);
        if (draft.isEmpty()) {
            return notFound(id);
        }
        List<PublishOutcome> outcomes = publishing.publish(draft.get());
        return Response.ok(new Published(drafts.find(id).orElse(draft.get()), outcomes)).build();
    }

    @DELETE
    @Path("{id}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(summary = "Delete a draft", description = "Removes the draft and its content from disk. What was "
            + "published from it stays published.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No draft of that id")
    @APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
    public Response delete(@PathParam("id") String id) {
        return drafts.delete(id) ? Response.noContent().build() : notFound(id);
    }

    private static Response notFound(String id) {
        return Problem.of("draft-not-found", "No such draft", Response.Status.NOT_FOUND,
                "No draft has the id '" + id + "'; GET /api/v1/schedules/drafts lists them.").toResponse();
    }
}
