package io.trestle.equipment.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.PushItem;
import io.trestle.equipment.messaging.BoundedPublisher;
import io.trestle.equipment.service.PushBatches;
import io.trestle.equipment.service.PushEventType;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Violation;

/**
 * The HTTP side of every push endpoint but telemetry: validates the whole batch, publishes its events and answers 202
 * only once the broker acknowledged all of them. An endpoint only names its kind of item and its publisher.
 */
@ApplicationScoped
public class PushIngest {

    private static final Logger LOG = Logger.getLogger(PushIngest.class);

    private final PushBatches batches;
    private final EquipmentConnectorConfig config;

    @Inject
    public PushIngest(PushBatches batches, EquipmentConnectorConfig config) {
        this.batches = batches;
        this.config = config;
    }

    public <I extends PushItem, E> CompletionStage<Response> ingest(PushBatch<I> batch,
            ContainerRequestContext request, String correlationIdHeader, PushEventType<I, E> type,
            BoundedPublisher<E> publisher) {
        String items = type.name() + "s";
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (client == null) {
            // Fail closed: reaching here unauthenticated means the filter was not applied, a wiring fault.
            LOG.errorf("A %s request reached the resource without an authenticated client; refusing it", type.name());
            return completed(Problem.of("unauthenticated", "Not authenticated", Response.Status.UNAUTHORIZED,
                    "Send the API key of your client in the " + ApiKeyFilter.HEADER + " header.").toResponse());
        }
        String title = "Invalid " + type.name() + " batch";
        if (batch == null) {
            return completed(Problem.invalid(title, "The request has no body.", List.of(
                    Violation.ofRequest("", "a JSON object with '" + PushBatches.ITEMS + "' is required")))
                    .toResponse());
        }
        List<Violation> violations = new ArrayList<>();
        TelemetryValidator.checkCorrelationId(correlationIdHeader).ifPresent(violations::add);
        violations.addAll(batches.validate(batch, client, type));
        if (!violations.isEmpty()) {
            long invalidItems = violations.stream().mapToInt(Violation::item).filter(item -> item >= 0).distinct()
                    .count();
            String detail = invalidItems == 0
                    ? "The request is invalid; nothing was published."
                    : invalidItems + " of " + batch.items().size() + " " + items
                            + " are invalid; nothing was published.";
            return completed(Problem.invalid(title, detail, violations).toResponse());
        }
        String correlationId = correlationIdHeader != null ? correlationIdHeader : UUID.randomUUID().toString();
        List<E> events = batches.toEvents(batch, client, type, correlationId, Instant.now());
        Optional<CompletableFuture<Void>> acks = publisher.tryPublish(events);
        if (acks.isEmpty()) {
            LOG.warnf("Refused %d %s of client %s (correlation %s): too many await the broker", events.size(), items,
                    client, correlationId);
            return completed(Problem
                    .of("ingest-saturated", "Too many " + items + " in flight", Response.Status.SERVICE_UNAVAILABLE,
                            "Too many " + items + " are awaiting the broker's acknowledgement; nothing of this batch "
                                    + "was published. Resend it after the Retry-After delay.")
                    .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, TelemetryResource.RETRY_AFTER_SECONDS)
                    .build());
        }
        // Both answers are built here, on the request's thread: the wait ends on a Kafka or JDK timer thread whose
        // context class loader can be stale, and there JAX-RS fails to create a Response (see TelemetryResource).
        String sourceSystem = PushBatches.sourceSystem(client);
        Response accepted = Response.accepted(new Accepted(events.size(), correlationId, batch.items().stream()
                .map(item -> PushBatches.eventId(sourceSystem, type.name(), item.eventId())).toList())).build();
        Response notAcknowledged = Problem
                .of("publish-failed", capitalised(items) + " not acknowledged", Response.Status.SERVICE_UNAVAILABLE,
                        "The broker did not acknowledge all " + items + "; resend the whole batch, repeats are "
                                + "deduplicated by eventId.")
                .toResponse();
        return acks.get()
                .orTimeout(config.ingest().publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((acked, failure) -> {
                    if (failure == null) {
                        return accepted;
                    }
                    LOG.warnf(failure, "Broker did not acknowledge %d %s of client %s (correlation %s)",
                            events.size(), items, client, correlationId);
                    return notAcknowledged;
                });
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static CompletionStage<Response> completed(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
