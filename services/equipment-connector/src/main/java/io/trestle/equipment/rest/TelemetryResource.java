package io.trestle.equipment.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.Violation;
import io.trestle.equipment.messaging.TelemetryPublisher;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.schema.equipment.TelemetryReading;

/** Push ingest of telemetry batches. */
@Path("/api/v1/telemetry")
public class TelemetryResource {

    private static final Logger LOG = Logger.getLogger(TelemetryResource.class);

    private final TelemetryValidator validator;
    private final TelemetryPublisher publisher;
    private final EquipmentConnectorConfig config;

    @Inject
    public TelemetryResource(TelemetryValidator validator, TelemetryPublisher publisher,
            EquipmentConnectorConfig config) {
        this.validator = validator;
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Accept a batch of telemetry readings", description = "Validates the whole batch, publishes every reading to the telemetry topic keyed by asset, "
            + "and answers 202 only after the broker acknowledged all of them. An invalid batch is refused "
            + "whole (422) with every violation named; nothing of it is published.")
    @APIResponse(responseCode = "202", description = "All readings were acknowledged by the broker")
    @APIResponse(responseCode = "400", description = "The body is not JSON of the documented shape")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "422", description = "One or more readings are invalid; nothing was published")
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time; resend the batch")
    public CompletionStage<Response> ingest(TelemetryBatch batch, @Context ContainerRequestContext request,
            @Parameter(description = "Correlation id to carry into the events; generated when absent") @HeaderParam("X-Correlation-Id") String correlationIdHeader) {
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (batch == null) {
            return completed(Problem.invalid("Invalid telemetry batch", "The request has no body.",
                    List.of(Violation.ofRequest("", "a JSON object with 'readings' is required"))).toResponse());
        }
        List<Violation> violations = validator.validate(batch, client);
        if (!violations.isEmpty()) {
            long invalidItems = violations.stream().mapToInt(Violation::item).filter(item -> item >= 0).distinct()
                    .count();
            String detail = invalidItems == 0
                    ? "The request is invalid; nothing was published."
                    : invalidItems + " of " + batch.readings().size() + " readings are invalid; nothing was published.";
            return completed(Problem.invalid("Invalid telemetry batch", detail, violations).toResponse());
        }
        String sourceSystem = "push:" + client;
        String correlationId = correlationIdHeader != null ? correlationIdHeader : UUID.randomUUID().toString();
        Instant ingestedAt = Instant.now();
        List<TelemetryReading> events = batch.readings().stream()
                .map(item -> TelemetryMapper.toEvent(item, sourceSystem, correlationId, ingestedAt))
                .toList();
        long timeoutMillis = config.ingest().publishTimeout().toMillis();
        return publisher.publish(events)
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .thenApply(acked -> Response.accepted(new Accepted(events.size(), correlationId,
                        events.stream().map(event -> event.getMetadata().getEventId()).toList())).build())
                .exceptionally(failure -> {
                    LOG.warnf(failure, "Broker did not acknowledge %d readings of client %s (correlation %s)",
                            events.size(), client, correlationId);
                    return Problem
                            .of("publish-failed", "Readings not acknowledged", Response.Status.SERVICE_UNAVAILABLE,
                                    "The broker did not acknowledge all readings; resend the whole batch, repeats are "
                                            + "deduplicated by readingId.")
                            .toResponse();
                });
    }

    private static CompletionStage<Response> completed(Response response) {
        return CompletableFuture.completedFuture(response);
    }

    /** Answer to an accepted batch. */
    public record Accepted(int accepted, String correlationId, List<UUID> eventIds) {
    }
}
