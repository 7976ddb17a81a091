package io.trestle.equipment.rest;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.domain.AvailabilityItem;
import io.trestle.equipment.domain.FaultItem;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.ReservationItem;
import io.trestle.equipment.domain.WorkOrderItem;
import io.trestle.equipment.service.AvailabilityEventType;
import io.trestle.equipment.service.FaultEventType;
import io.trestle.equipment.service.ReservationEventType;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.equipment.service.WorkOrderEventType;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;
import io.trestle.rest.RequestSignatures;
import io.trestle.rest.Role;

/**
 * Push ingest of the equipment platform's facts: faults, work orders, reservations and availability. Every endpoint
 * takes {@code {"items": [...]}}, each item with the caller's {@code eventId} and either the canonical {@code assetId}
 * or the {@code machine} as the platform names it, resolved through the crosswalk; the same id sent again yields the
 * same event id, so a resent batch is deduplicated downstream.
 */
@Path("/api/v1")
@ApiKeyAuthenticated(Role.WRITE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@APIResponse(responseCode = "202", description = "Every item was published or, when the crosswalk does not know its "
        + "machine, quarantined (reason UNMAPPED_EXTERNAL_ID), and the broker acknowledged all of them; items[] says "
        + "which, with the event id each item has or will have once replayed", content = @Content(schema = @Schema(implementation = Accepted.class)))
@APIResponse(responseCode = "400", description = "The body is not JSON of the documented shape")
@APIResponse(responseCode = "401", description = "Missing or unknown API key; or, for a client with a signing secret, "
        + "a missing, malformed, stale or wrong request signature (the detail says which)")
@APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
@APIResponse(responseCode = "413", description = "The body is larger than the service accepts")
@APIResponse(responseCode = "422", description = "One or more items, or the correlation id, are invalid (e.g. "
        + "neither or both of assetId and machine, or a machine without pin and serialNumber); every violation is "
        + "named by item index, item eventId and JSON field path; nothing was published")
@APIResponse(responseCode = "503", description = "The broker did not acknowledge in time, too many items are "
        + "awaiting acknowledgement, or items name machines and the crosswalk is not read yet (then with Retry-After "
        + "and nothing of the batch published); resend the batch")
public class EquipmentEventResource {

    static final String TIMESTAMP_DOC = "Required of clients with a signing secret: the Unix time in seconds the "
            + "request was signed at; refused when further than trestle.equipment-connector.signature-tolerance "
            + "(default 5 min) from the server's clock";
    static final String SIGNATURE_DOC = "Required of clients with a signing secret: 'sha256=' and the lowercase hex "
            + "HMAC-SHA256, under the client's signing secret, of '<X-Trestle-Timestamp>.<raw body bytes>'";

    private static final String CORRELATION_ID = "Correlation id to carry into the events, 1 to 128 characters of "
            + "[A-Za-z0-9._:-]; generated when absent";
    private static final String WHOLE_BATCH = " The batch is validated whole and refused whole; 202 only after the "
            + "broker acknowledged every event. An item naming its machine is resolved under crosswalk system "
            + "'push:<client>' and published with the canonical asset and the machine's ids in metadata.resolvedFrom, "
            + "or quarantined when unknown.";

    private final PushIngest ingest;
    private final FaultEventType faults;
    private final WorkOrderEventType workOrders;
    private final ReservationEventType reservations;
    private final AvailabilityEventType availability;

    @Inject
    public EquipmentEventResource(PushIngest ingest, FaultEventType faults,
            WorkOrderEventType workOrders, ReservationEventType reservations, AvailabilityEventType availability) {
        this.ingest = ingest;
        this.faults = faults;
        this.workOrders = workOrders;
        this.reservations = reservations;
        this.availability = availability;
    }

    @POST
    @Path("/faults")
    @Blocking
    @Operation(summary = "Accept a batch of faults and breakdowns", description = "Publishes FaultReported events "
            + "keyed by asset. Give code, or spn and fmi (code then 'SPN-FMI'); faultId is derived from assetId, code "
            + "and detectedAt when absent, so a raise and its clearing share it." + WHOLE_BATCH)
    @Parameter(name = RequestSignatures.TIMESTAMP_HEADER, in = ParameterIn.HEADER, description = TIMESTAMP_DOC)
    @Parameter(name = RequestSignatures.SIGNATURE_HEADER, in = ParameterIn.HEADER, description = SIGNATURE_DOC)
    public CompletionStage<Response> faults(PushBatch<FaultItem> batch, @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, faults);
    }

    @POST
    @Path("/work-orders")
    @Blocking
    @Operation(summary = "Accept a batch of maintenance work order changes", description = "Publishes "
            + "WorkOrderChanged events keyed by asset, each the full state after the change; workOrderId becomes "
            + "'push:<client>:<workOrderId>'. change CLOSED goes with status DONE or CANCELLED and closedAt."
            + WHOLE_BATCH)
    @Parameter(name = RequestSignatures.TIMESTAMP_HEADER, in = ParameterIn.HEADER, description = TIMESTAMP_DOC)
    @Parameter(name = RequestSignatures.SIGNATURE_HEADER, in = ParameterIn.HEADER, description = SIGNATURE_DOC)
    public CompletionStage<Response> workOrders(PushBatch<WorkOrderItem> batch,
            @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, workOrders);
    }

    @POST
    @Path("/reservations")
    @Blocking
    @Operation(summary = "Accept a batch of equipment reservation changes", description = "Publishes "
            + "ReservationChanged events keyed by asset, each the full state after the change; reservationId becomes "
            + "'push:<client>:<reservationId>'. reservedTo (exclusive) lies after reservedFrom." + WHOLE_BATCH)
    @Parameter(name = RequestSignatures.TIMESTAMP_HEADER, in = ParameterIn.HEADER, description = TIMESTAMP_DOC)
    @Parameter(name = RequestSignatures.SIGNATURE_HEADER, in = ParameterIn.HEADER, description = SIGNATURE_DOC)
    public CompletionStage<Response> reservations(PushBatch<ReservationItem> batch,
            @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, reservations);
    }

    @POST
    @Path("/availability")
    @Blocking
    @Operation(summary = "Accept a batch of availability changes", description = "Publishes AvailabilityChanged "
            + "events keyed by asset; workOrderId is qualified like the work orders' own." + WHOLE_BATCH)
    @Parameter(name = RequestSignatures.TIMESTAMP_HEADER, in = ParameterIn.HEADER, description = TIMESTAMP_DOC)
    @Parameter(name = RequestSignatures.SIGNATURE_HEADER, in = ParameterIn.HEADER, description = SIGNATURE_DOC)
    public CompletionStage<Response> availability(PushBatch<AvailabilityItem> batch,
            @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, availability);
    }
}
