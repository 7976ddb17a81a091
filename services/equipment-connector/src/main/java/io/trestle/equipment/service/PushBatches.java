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
import io.trestle.rest.Violation;
import io.trestle.schema.common.EventMetadata;

/**
 * The flow every push endpoint shares except telemetry's: checks a whole batch before anything is published, so that a
 * batch is either accepted entirely or refused with every problem named, and turns a valid batch into events whose ids
 * derive from the caller's ids.
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
            check.identifier("assetId", item.assetId());
            type.validate(item, check);
            if (item.eventId() != null && !seenIds.add(item.eventId())) {
                check.fail("eventId", "duplicates an earlier " + type.name() + " of this batch");
            }
        }
        return violations;
    }

    /** The events of a batch {@link #validate validated} without violations, in the order of its items. */
    public <I extends PushItem, E> List<E> toEvents(PushBatch<I> batch, String client, PushEventType<I, E> type,
            String correlationId, Instant ingestedAt) {
        String sourceSystem = sourceSystem(client);
        return batch.items().stream()
                .map(item -> type.toEvent(item, EventMetadata.newBuilder()
                        .setEventId(eventId(sourceSystem, type.name(), item.eventId()))
                        .setSourceSystem(sourceSystem)
                        .setSourceRecordId(type.sourceRecordId(item))
                        .setOccurredAt(type.occurredAt(item))
                        .setIngestedAt(ingestedAt)
                        .setCorrelationId(correlationId)
                        .setResolvedFrom(List.of())
                        .build()))
                .toList();
    }
}
