package io.trestle.equipment.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.PushItem;
import io.trestle.equipment.rest.Accepted.ItemOutcome;
import io.trestle.equipment.service.PushBatches;
import io.trestle.equipment.service.PushEventSinks;
import io.trestle.equipment.service.PushEventType;
import io.trestle.equipment.service.PushMachines;
import io.trestle.equipment.service.PushMachines.Resolution;
import io.trestle.equipment.service.PushMachines.Resolved;
import io.trestle.equipment.service.PushMachines.Unmapped;
import io.trestle.equipment.service.QuarantineSink;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Violation;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * The HTTP side of every push endpoint but telemetry: validates the whole batch, resolves the machines items name
 * through the crosswalk, publishes the events of the items whose asset is known and quarantines the others, and answers
 * 202 only once the broker acknowledged all of them. An endpoint only names its kind of item. The publishing and its
 * answers are shared with telemetry ({@link #publish}).
 */
@ApplicationScoped
public class PushIngest {

    private static final Logger LOG = Logger.getLogger(PushIngest.class);

    private final PushBatches batches;
    private final PushMachines machines;
    private final PushEventSinks sinks;
    private final QuarantineSink quarantine;
    private final EquipmentConnectorConfig config;

    @Inject
    public PushIngest(PushBatches batches, PushMachines machines, PushEventSinks sinks, QuarantineSink quarantine,
            EquipmentConnectorConfig config) {
        this.batches = batches;
        this.machines = machines;
        this.sinks = sinks;
        this.quarantine = quarantine;
        this.config = config;
    }

    public <I extends PushItem, E> CompletionStage<Response> ingest(PushBatch<I> batch,
            ContainerRequestContext request, String correlationIdHeader, PushEventType<I, E> type) {
        String items = type.name() + "s";
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        if (client == null) {
            // Fail closed: reaching here unauthenticated means the filter was not applied, a wiring fault.
            LOG.errorf("A %s request reached the resource without an authenticated client; refusing it", type.name());
            return completed(notAuthenticated());
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
            return completed(invalid(title, violations, batch.items().size(), items));
        }
        if (PushMachines.needsCrosswalk(batch.items().stream().map(PushItem::machine).toList())
                && !machines.ready()) {
            return completed(crosswalkNotReady());
        }
        String correlationId = correlationIdHeader != null ? correlationIdHeader : UUID.randomUUID().toString();
        Instant now = Instant.now();
        String sourceSystem = PushBatches.sourceSystem(client);
        List<E> events = new ArrayList<>();
        List<QuarantinedEvent> entries = new ArrayList<>();
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < batch.items().size(); i++) {
            I item = batch.items().get(i);
            UUID eventId = PushBatches.eventId(sourceSystem, type.name(), item.eventId());
            Resolution resolution = machines.resolve(client, item.assetId(), item.machine());
            if (resolution instanceof Resolved resolved) {
                events.add(PushBatches.toEvent(type, item, client, resolved, correlationId, now));
                outcomes.add(ItemOutcome.accepted(i, item.eventId(), eventId, resolved.assetId()));
            } else {
                QuarantinedEvent entry = PushBatches.quarantined(type, item, client, (Unmapped) resolution,
                        correlationId, now);
                entries.add(entry);
                outcomes.add(ItemOutcome.quarantined(i, item.eventId(), eventId, entry.getMetadata().getEventId(),
                        entry.getReasonCode(), entry.getMessage()));
            }
        }
        return publish(items, client, correlationId, events, list -> sinks.tryPublish(type, list), entries,
                Accepted.of(correlationId, outcomes), "eventId");
    }

    /**
     * Publishes a batch's events and quarantine entries and answers 202 once the broker acknowledged all of them, 503
     * otherwise.
     *
     * @param items
     *            plural noun for messages ("readings")
     * @param idField
     *            the item field event ids derive from, named in the answer to resend
     */
    <E> CompletionStage<Response> publish(String items, String client, String correlationId, List<E> events,
            Function<List<E>, Optional<CompletableFuture<Void>>> publisher, List<QuarantinedEvent> entries,
            Accepted accepted, String idField) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(2);
        if (!events.isEmpty()) {
            Optional<CompletableFuture<Void>> published = publisher.apply(events);
            if (published.isEmpty()) {
                LOG.warnf("Refused %d %s of client %s (correlation %s): too many await the broker", events.size(),
                        items, client, correlationId);
                return completed(saturated(items, "nothing of this batch was published. Resend it after the "
                        + "Retry-After delay."));
            }
            acks.add(published.get());
        }
        if (!entries.isEmpty()) {
            Optional<CompletableFuture<Void>> quarantined = quarantine.tryPublish(entries);
            if (quarantined.isEmpty()) {
                LOG.warnf("Refused %d quarantine entries of client %s (correlation %s): too many await the broker",
                        entries.size(), client, correlationId);
                return completed(saturated(items, (events.isEmpty()
                        ? "nothing of this batch was published"
                        : "its other " + items + " may have been published") + ". Resend the whole batch after the "
                        + "Retry-After delay; repeats carry the same event ids."));
            }
            acks.add(quarantined.get());
            LOG.infof("Quarantined %d of %d %s of client %s (correlation %s): machines unknown to the crosswalk",
                    entries.size(), accepted.items().size(), items, client, correlationId);
        }
        // Both answers are built here, on the request's thread: the wait ends on a Kafka or JDK timer thread whose
        // context class loader can be stale, and there JAX-RS fails to create a Response (see TelemetryResource).
        Response answer = Response.accepted(accepted).build();
        Response notAcknowledged = Problem
                .of("publish-failed", capitalised(items) + " not acknowledged", Response.Status.SERVICE_UNAVAILABLE,
                        "The broker did not acknowledge all " + items + "; resend the whole batch, repeats are "
                                + "deduplicated by " + idField + ".")
                .toResponse();
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(config.ingest().publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((acked, failure) -> {
                    if (failure == null) {
                        return answer;
                    }
                    LOG.warnf(failure, "Broker did not acknowledge %d %s of client %s (correlation %s)",
                            accepted.items().size(), items, client, correlationId);
                    return notAcknowledged;
                });
    }

    static Response notAuthenticated() {
        return Problem.of("unauthenticated", "Not authenticated", Response.Status.UNAUTHORIZED,
                "Send the API key of your client in the " + ApiKeyFilter.HEADER + " header.").toResponse();
    }

    static Response invalid(String title, List<Violation> violations, int size, String items) {
        long invalidItems = violations.stream().mapToInt(Violation::item).filter(item -> item >= 0).distinct().count();
        String detail = invalidItems == 0
                ? "The request is invalid; nothing was published."
                : invalidItems + " of " + size + " " + items + " are invalid; nothing was published.";
        return Problem.invalid(title, detail, violations).toResponse();
    }

    static Response crosswalkNotReady() {
        return Problem.of("crosswalk-not-ready", "Crosswalk not ready", Response.Status.SERVICE_UNAVAILABLE,
                "The crosswalk is not read to its end yet, so the machines named in this batch cannot be resolved; "
                        + "nothing of it was published. Resend it after the Retry-After delay.")
                .toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, TelematicsInspectResource.NOT_READY_RETRY_AFTER_SECONDS).build();
    }

    private static Response saturated(String items, String consequence) {
        return Problem
                .of("ingest-saturated", "Too many " + items + " in flight", Response.Status.SERVICE_UNAVAILABLE,
                        "Too many " + items + " are awaiting the broker's acknowledgement; " + consequence)
                .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, TelemetryResource.RETRY_AFTER_SECONDS)
                .build();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static CompletionStage<Response> completed(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
