package io.trestle.equipment.rest;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.QuarantineReplay;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;

/**
 * Re-submits polled readings and pushed items quarantined for an unknown machine, for operators who have since mapped
 * it.
 */
@Path("/api/v1/quarantine/replay")
@ApiKeyAuthenticated(Role.WRITE)
public class QuarantineReplayResource {

    /** Publishing is bounded by the publish timeout; a retry soon after has the broker's backlog drained. */
    static final String PUBLISH_RETRY_AFTER_SECONDS = "30";

    private final QuarantineReplay replay;
    private final MachineResolver resolver;

    @Inject
    public QuarantineReplayResource(QuarantineReplay replay, MachineResolver resolver) {
        this.replay = replay;
        this.resolver = resolver;
    }

    @POST
    @Blocking
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Replay what was quarantined for machines unknown to the crosswalk", description = "Reads "
            + "the quarantine topic from its beginning to its current end and takes this service's entries with "
            + "reason UNMAPPED_EXTERNAL_ID: polled readings, and pushed readings, faults, work orders, reservations and "
            + "availability changes whose machine was not mapped. A reading, polled or pushed, goes through the "
            + "crosswalk and the validator as if polled now; a pushed item of another kind is resolved under "
            + "'push:<client>' and validated as if pushed now. What resolves is published with the event id it would "
            + "have had if the machine had been known from the start, with the machine's ids in "
            + "metadata.resolvedFrom; an entry still unknown is quarantined again with attempt + 1, its id and "
            + "firstSeenAt unchanged; what the validator refuses now is quarantined under that reason. Answers once "
            + "the broker acknowledged everything. Replaying again publishes the same events again with the same "
            + "event ids, which consumers drop.")
    @APIResponse(responseCode = "200", description = "What the replay did, with the entries replayed (kind, asset, "
            + "item id, event id)")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key; or, for a client with a signing "
            + "secret, a missing, malformed, stale or wrong request signature")
    @APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
    @APIResponse(responseCode = "503", description = "The crosswalk is not read to its end yet, or the broker did "
            + "not acknowledge in time; replaying again is safe (with Retry-After)")
    public Response replay(
            @Parameter(description = "Replay only the entries of this source system, e.g. aemp:trackunit or "
                    + "push:acme; all when absent") @QueryParam("system") String system,
            @Context UriInfo uri) throws InterruptedException {
        if (!resolver.ready()) {
            return Problem.of("crosswalk-not-ready", "Crosswalk not ready", Response.Status.SERVICE_UNAVAILABLE,
                    "The crosswalk is not read to its end yet; every machine would still look unknown. Retry shortly.")
                    .toResponseBuilder()
                    .header(HttpHeaders.RETRY_AFTER, TelematicsInspectResource.NOT_READY_RETRY_AFTER_SECONDS).build();
        }
        try {
            return Response.ok(replay.replay(Optional.ofNullable(system).filter(s -> !s.isBlank()),
                    uri.getRequestUri())).build();
        } catch (QuarantineReplay.PublishFailed e) {
            return Problem.of("publish-failed", "Replay not acknowledged", Response.Status.SERVICE_UNAVAILABLE,
                    e.getMessage() + ". Some readings may have been published; replaying again is safe, as repeats "
                            + "carry the same event ids.")
                    .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, PUBLISH_RETRY_AFTER_SECONDS).build();
        }
    }
}
