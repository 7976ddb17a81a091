package io.trestle.equipment.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.messaging.TelemetryPublisher;
import io.trestle.equipment.rest.Accepted.ItemOutcome;
import io.trestle.equipment.service.PushBatches;
import io.trestle.equipment.service.PushMachines;
import io.trestle.equipment.service.PushMachines.Resolution;
import io.trestle.equipment.service.PushMachines.Resolved;
import io.trestle.equipment.service.PushMachines.Unmapped;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.RequestSignatures;
import io.trestle.rest.Role;
import io.trestle.rest.Violation;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/** Push ingest of telemetry batches. */
@Path(TelemetryMapper.ENDPOINT)
@ApiKeyAuthenticated(Role.WRITE)
public class TelemetryResource {

    private static final Logger LOG = Logger.getLogger(TelemetryResource.class);

    /** Saturation clears as soon as the broker answers for earlier readings, typically within milliseconds. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final TelemetryValidator validator;
    private final TelemetryPublisher publisher;
    private final PushMachines machines;
    private final PushIngest ingest;

    @Inject
    public TelemetryResource(TelemetryValidator validator, TelemetryPublisher publisher, PushMachines machines,
            PushIngest ingest) {
        this.validator = validator;
        this.publisher = publisher;
        this.machines = machines;
        this.ingest = ingest;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Accept a batch of telemetry readings", description = "Validates the whole batch, resolves "
            + "the machine of every reading that names one instead of its assetId through the crosswalk (system "
            + "'push:<client>'), publishes every reading whose asset is known to the telemetry topic keyed by asset, "
            + "with the machine's ids in metadata.resolvedFrom, and quarantines the readings of machines the crosswalk "
            + "does not know (UNMAPPED_EXTERNAL_ID, published by POST /api/v1/quarantine/replay once mapped). Answers "
            + "202 only after the broker acknowledged all of them, naming per reading what became of it. An invalid "
            + "batch is refused whole (422) with every violation named; nothing of it is published.")
    @APIResponse(responseCode = "202", description = "Every reading was published or quarantined, and acknowledged by "
            + "the broker; items[] says which", content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON of the documented shape")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key; or, for a client with a signing "
            + "secret, a missing, malformed, stale or wrong request signature")
    @APIResponse(responseCode = "403", description = "The client's role is read-only; this needs write")
    @APIResponse(responseCode = "422", description = "One or more readings, or the correlation id, are invalid (e.g. "
            + "neither or both of assetId and machine); nothing was published")
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time, too many readings are "
            + "awaiting acknowledgement, or readings name machines and the crosswalk is not read yet (then with "
            + "Retry-After); resend the batch")
    @Parameter(name = RequestSignatures.TIMESTAMP_HEADER, in = ParameterIn.HEADER, description = EquipmentEventResource.TIMESTAMP_DOC)
    @Parameter(name = RequestSignatures.SIGNATURE_HEADER, in = ParameterIn.HEADER, description = EquipmentEventResource.SIGNATURE_DOC)
    public CompletionStage<Response> ingest(TelemetryBatch batch, @Context ContainerRequestContext request,
            @Parameter(description = "Correlation id to carry into the events, 1 to 128 characters of "
                    + "[A-Za-z0-9._:-]; generated when absent") @HeaderParam(TelemetryValidator.CORRELATION_ID_HEADER) String correlationIdHeader) {
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (client == null) {
            // Fail closed: reaching here unauthenticated means the filter was not applied, a wiring fault.
            LOG.error("A telemetry request reached the resource without an authenticated client; refusing it");
            return PushIngest.completed(PushIngest.notAuthenticated());
        }
        if (batch == null) {
            return PushIngest.completed(Problem.invalid("Invalid telemetry batch", "The request has no body.",
                    List.of(Violation.ofRequest("", "a JSON object with 'readings' is required"))).toResponse());
        }
        List<Violation> violations = new ArrayList<>();
        TelemetryValidator.checkCorrelationId(correlationIdHeader).ifPresent(violations::add);
        violations.addAll(validator.validate(batch, client));
        if (!violations.isEmpty()) {
            return PushIngest.completed(PushIngest.invalid("Invalid telemetry batch", violations,
                    batch.readings().size(), "readings"));
        }
        if (PushMachines.needsCrosswalk(batch.readings().stream().map(TelemetryItem::machine).toList())
                && !machines.ready()) {
            return PushIngest.completed(PushIngest.crosswalkNotReady());
        }
        String sourceSystem = PushBatches.sourceSystem(client);
        String correlationId = correlationIdHeader != null ? correlationIdHeader : UUID.randomUUID().toString();
        Instant ingestedAt = Instant.now();
        List<TelemetryReading> events = new ArrayList<>();
        List<QuarantinedEvent> entries = new ArrayList<>();
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < batch.readings().size(); i++) {
            TelemetryItem item = batch.readings().get(i);
            UUID eventId = TelemetryMapper.eventId(sourceSystem, item.readingId());
            Resolution resolution = machines.resolve(client, item.assetId(), item.machine());
            if (resolution instanceof Resolved resolved) {
                events.add(TelemetryMapper.toEvent(item, resolved.assetId(), resolved.resolvedFrom(), sourceSystem,
                        correlationId, ingestedAt));
                outcomes.add(ItemOutcome.accepted(i, item.readingId(), eventId, resolved.assetId()));
            } else {
                QuarantinedEvent entry = TelemetryMapper.quarantined(item, sourceSystem, (Unmapped) resolution,
                        correlationId, ingestedAt);
                entries.add(entry);
                outcomes.add(ItemOutcome.quarantined(i, item.readingId(), eventId, entry.getMetadata().getEventId(),
                        entry.getReasonCode(), entry.getMessage()));
            }
        }
        return ingest.publish("readings", client, correlationId, events, publisher::tryPublish, entries,
                Accepted.of(correlationId, outcomes), "readingId");
    }
}
