package io.trestle.equipment.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.messaging.TelemetryPublisher;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Violation;
import io.trestle.schema.equipment.TelemetryReading;

/** Push ingest of telemetry batches. */
@Path("/api/v1/telemetry")
@ApiKeyAuthenticated
public class TelemetryResource {

    private static final Logger LOG = Logger.getLogger(TelemetryResource.class);

    /** Saturation clears as soon as the broker answers for earlier readings, typically within milliseconds. */
    static final String RETRY_AFTER_SECONDS = "1";

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
    @APIResponse(responseCode = "422", description = "One or more readings, or the correlation id, are invalid; nothing was published")
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time, or too many readings are "
            + "awaiting acknowledgement (then with Retry-After and nothing of the batch published); resend the batch")
    public CompletionStage<Response> ingest(TelemetryBatch batch, @Context ContainerRequestContext request,
            @Parameter(description = "Correlation id to carry into the events, 1 to 128 characters of "
                    + "[A-Za-z0-9._:-]; generated when absent") @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationIdHeader) {
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (client == null) {
            // Fail closed: reaching here unauthenticated means the filter was not applied, a wiring fault.
            LOG.error("A telemetry request reached the resource without an authenticated client; refusing it");
            return completed(Problem.of("unauthenticated", "Not authenticated", Response.Status.UNAUTHORIZED,
                    "Send the API key of your client in the " + ApiKeyFilter.HEADER + " header.").toResponse());
        }
        if (batch == null) {
            return completed(Problem.invalid("Invalid telemetry batch", "The request has no body.",
                    List.of(Violation.ofRequest("", "a JSON object with 'readings' is required"))).toResponse());
        }
        List<Violation> violations = new ArrayList<>();
        TelemetryValidator.checkCorrelationId(correlationIdHeader).ifPresent(violations::add);
        violations.addAll(validator.validate(batch, client));
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
        Optional<CompletableFuture<Void>> acks = publisher.tryPublish(events);
        if (acks.isEmpty()) {
            LOG.warnf("Refused %d readings of client %s (correlation %s): too many readings await the broker",
                    events.size(), client, correlationId);
            return completed(Problem
                    .of("ingest-saturated", "Too many readings in flight", Response.Status.SERVICE_UNAVAILABLE,
                            "Too many readings are awaiting the broker's acknowledgement; nothing of this batch was "
                                    + "published. Resend it after the Retry-After delay.")
                    .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build());
        }
        // Both answers are built here, on the request's thread. The wait ends on a Kafka or JDK timer thread whose
        // context class loader can be stale (the JDK's timer outlives an application restart in tests), and there
        // JAX-RS fails to create a Response: the caller would get a 500.
        Response accepted = Response.accepted(new Accepted(events.size(), correlationId,
                events.stream().map(event -> event.getMetadata().getEventId()).toList())).build();
        Response notAcknowledged = Problem
                .of("publish-failed", "Readings not acknowledged", Response.Status.SERVICE_UNAVAILABLE,
                        "The broker did not acknowledge all readings; resend the whole batch, repeats are "
                                + "deduplicated by readingId.")
                .toResponse();
        long timeoutMillis = config.ingest().publishTimeout().toMillis();
        return acks.get()
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .handle((acked, failure) -> {
                    if (failure == null) {
                        return accepted;
                    }
                    LOG.warnf(failure, "Broker did not acknowledge %d readings of client %s (correlation %s)",
                            events.size(), client, correlationId);
                    return notAcknowledged;
                });
    }

    private static CompletionStage<Response> completed(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
