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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.domain.AvailabilityItem;
import io.trestle.equipment.domain.FaultItem;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.ReservationItem;
import io.trestle.equipment.domain.WorkOrderItem;
import io.trestle.equipment.messaging.PushPublishers;
import io.trestle.equipment.service.AvailabilityEventType;
import io.trestle.equipment.service.FaultEventType;
import io.trestle.equipment.service.ReservationEventType;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.equipment.service.WorkOrderEventType;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;

/**
 * Push ingest of the equipment platform's facts: faults, work orders, reservations and availability. Every endpoint
 * takes {@code {"items": [...]}}, each item with the caller's {@code eventId}; the same id sent again yields the same
 * event id, so a resent batch is deduplicated downstream.
 */
@Path("/api/v1")
@ApiKeyAuthenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@APIResponse(responseCode = "202", description = "All items were acknowledged by the broker")
@APIResponse(responseCode = "400", description = "The body is not JSON of the documented shape")
@APIResponse(responseCode = "401", description = "Missing or unknown API key")
@APIResponse(responseCode = "413", description = "The body is larger than the service accepts")
@APIResponse(responseCode = "422", description = "One or more items, or the correlation id, are invalid; every "
        + "violation is named by item index, item eventId and JSON field path; nothing was published")
@APIResponse(responseCode = "503", description = "The broker did not acknowledge in time, or too many items are "
        + "awaiting acknowledgement (then with Retry-After and nothing of the batch published); resend the batch")
public class EquipmentEventResource {

    private static final String CORRELATION_ID = "Correlation id to carry into the events, 1 to 128 characters of "
            + "[A-Za-z0-9._:-]; generated when absent";
    private static final String WHOLE_BATCH = " The batch is validated whole and refused whole; 202 only after the "
            + "broker acknowledged every event.";

    private final PushIngest ingest;
    private final PushPublishers publishers;
    private final FaultEventType faults;
    private final WorkOrderEventType workOrders;
    private final ReservationEventType reservations;
    private final AvailabilityEventType availability;

    @Inject
    public EquipmentEventResource(PushIngest ingest, PushPublishers publishers, FaultEventType faults,
            WorkOrderEventType workOrders, ReservationEventType reservations, AvailabilityEventType availability) {
        this.ingest = ingest;
        this.publishers = publishers;
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
    public CompletionStage<Response> faults(PushBatch<FaultItem> batch, @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, faults, publishers.faults());
    }

    @POST
    @Path("/work-orders")
    @Blocking
    @Operation(summary = "Accept a batch of maintenance work order changes", description = "Publishes "
            + "WorkOrderChanged events keyed by asset, each the full state after the change; workOrderId becomes "
            + "'push:<client>:<workOrderId>'. change CLOSED goes with status DONE or CANCELLED and closedAt."
            + WHOLE_BATCH)
    public CompletionStage<Response> workOrders(PushBatch<WorkOrderItem> batch,
            @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, workOrders, publishers.workOrders());
    }

    @POST
    @Path("/reservations")
    @Blocking
    @Operation(summary = "Accept a batch of equipment reservation changes", description = "Publishes "
            + "ReservationChanged events keyed by asset, each the full state after the change; reservationId becomes "
            + "'push:<client>:<reservationId>'. reservedTo (exclusive) lies after reservedFrom." + WHOLE_BATCH)
    public CompletionStage<Response> reservations(PushBatch<ReservationItem> batch,
            @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, reservations, publishers.reservations());
    }

    @POST
    @Path("/availability")
    @Blocking
    @Operation(summary = "Accept a batch of availability changes", description = "Publishes AvailabilityChanged "
            + "events keyed by asset; workOrderId is qualified like the work orders' own." + WHOLE_BATCH)
    public CompletionStage<Response> availability(PushBatch<AvailabilityItem> batch,
            @Context ContainerRequestContext request,
            @Parameter(description = CORRELATION_ID) @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationId) {
        return ingest.ingest(batch, request, correlationId, availability, publishers.availability());
    }
}
