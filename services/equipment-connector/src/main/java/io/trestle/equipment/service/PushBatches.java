package io.trestle.equipment.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.PushItem;
import io.trestle.equipment.service.PushMachines.Resolved;
import io.trestle.equipment.service.PushMachines.Unmapped;
import io.trestle.equipment.service.QuarantineMapper.PushedItem;
import io.trestle.rest.Violation;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * The flow every push endpoint shares except telemetry's: checks a whole batch before anything is published, so that a
 * batch is either accepted entirely or refused with every problem named, and turns each valid item into its event, or
 * into a quarantine entry when its machine is unknown, with ids derived from the caller's ids.
 */
@ApplicationScoped
public class PushBatches {

    /** The JSON property holding a batch's items, and the start of every item's path in a violation. */
    public static final String ITEMS = "items";

    private final Clock clock;
    private final int maxBatchSize;
    private final Duration maxClockSkew;

    @Inject
    public PushBatches(EquipmentConnectorConfig config) {
        this(Clock.systemUTC(), config.ingest().maxBatchSize(), config.ingest().maxClockSkew());
    }

    PushBatches(Clock clock, int maxBatchSize, Duration maxClockSkew) {
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
        this.maxClockSkew = maxClockSkew;
    }

    public static String sourceSystem(String client) {
        return "push:" + client;
    }

    /**
     * Derived from the source system, the kind of item and the caller's event id, so that a client resending a batch
     * after a timeout produces the same event ids and consumers can drop the repeats.
     */
    public static UUID eventId(String sourceSystem, String type, String callerEventId) {
        String name = sourceSystem + "\u0000" + type + "\u0000" + callerEventId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** An id of the source system made unique across platforms, as the schemas' {@code '<system>:<id>'}. */
    public static String qualifiedId(String sourceSystem, String sourceId) {
        return sourceId == null ? null : sourceSystem + ":" + sourceId;
    }

    public <I extends PushItem> List<Violation> validate(PushBatch<I> batch, String client,
            PushEventType<I, ?> type) {
        List<Violation> violations = new ArrayList<>();
        if (batch.source() != null && !batch.source().equals(client)) {
            violations.add(Violation.ofRequest("source",
                    "source '" + batch.source() + "' does not match the API key's client '" + client + "'"));
        }
        List<I> items = batch.items();
        if (items == null || items.isEmpty()) {
            violations.add(Violation.ofRequest(ITEMS, "must contain at least one " + type.name()));
            return violations;
        }
        if (items.size() > maxBatchSize) {
            violations.add(Violation.ofRequest(ITEMS, "has " + items.size() + " items; at most " + maxBatchSize
                    + " are accepted per request"));
            return violations;
        }
        Instant latestPlausible = clock.instant().plus(maxClockSkew);
        Set<String> seenIds = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            I item = items.get(i);
            ItemChecker check = new ItemChecker(ITEMS, i, item == null ? null : item.eventId(), violations,
                    latestPlausible);
            if (item == null) {
                check.fail("", "must be an object, not null");
                continue;
            }
            check.identifier("eventId", item.eventId());
            check.assetOrMachine(item.assetId(), item.machine());
            type.validate(item, check);
            if (item.eventId() != null && !seenIds.add(item.eventId())) {
                check.fail("eventId", "duplicates an earlier " + type.name() + " of this batch");
            }
        }
        return violations;
    }

    /**
     * The events of a batch {@link #validate validated} without violations whose items all give their asset id, in the
     * order of its items.
     */
    public <I extends PushItem, E> List<E> toEvents(PushBatch<I> batch, String client, PushEventType<I, E> type,
            String correlationId, Instant ingestedAt) {
        return batch.items().stream()
                .map(item -> toEvent(type, item, client, new Resolved(item.assetId(), List.of()), correlationId,
                        ingestedAt))
                .toList();
    }

    /**
     * The event of a valid item whose asset is known. Its id is the same whether the item was published at once or
     * replayed from quarantine once its machine was mapped.
     */
    public static <I extends PushItem, E> E toEvent(PushEventType<I, E> type, I item, String client,
            Resolved resolved, String correlationId, Instant ingestedAt) {
        String sourceSystem = sourceSystem(client);
        return type.toEvent(item, resolved.assetId(), EventMetadata.newBuilder()
                .setEventId(eventId(sourceSystem, type.name(), item.eventId()))
                .setSourceSystem(sourceSystem)
                .setSourceRecordId(type.sourceRecordId(item))
                .setOccurredAt(type.occurredAt(item))
                .setIngestedAt(ingestedAt)
                .setCorrelationId(correlationId)
                .setResolvedFrom(resolved.resolvedFrom())
                .build());
    }

    /** The quarantine entry of a valid item whose machine the crosswalk does not know. */
    public static <I extends PushItem> QuarantinedEvent quarantined(PushEventType<I, ?> type, I item, String client,
            Unmapped unmapped, String correlationId, Instant now) {
        return QuarantineMapper.toEvent(pushedItem(type, item, client), ReasonCode.UNMAPPED_EXTERNAL_ID,
                unmapped.message(), "/machine", unmapped.unresolvedIds(), correlationId, now);
    }

    static <I extends PushItem> PushedItem pushedItem(PushEventType<I, ?> type, I item, String client) {
        return new PushedItem(sourceSystem(client), type.name(), type.endpoint(), item.eventId(),
                type.sourceRecordId(item), type.occurredAt(item), item);
    }
}
