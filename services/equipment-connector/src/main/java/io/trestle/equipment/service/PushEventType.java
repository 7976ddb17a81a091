package io.trestle.equipment.service;

import java.time.Instant;

import io.trestle.equipment.domain.PushItem;
import io.trestle.schema.common.EventMetadata;

/**
 * What differs between the push endpoints: the rules of one kind of item and how it becomes its canonical event.
 * Everything else (batch checks, machine resolution, event ids, metadata, publishing, quarantine) is shared by
 * {@link PushBatches}.
 */
public interface PushEventType<I extends PushItem, E> {

    /**
     * Singular noun for messages ("fault"), also part of the event id, so that the same caller id used for a fault and
     * for a work order does not yield one event id for two different facts.
     */
    String name();

    /** The item's class, to read it back from a quarantine entry. */
    Class<I> itemType();

    /**
     * The path items of this kind are pushed to, e.g. {@code /api/v1/faults}. Quarantine entries record it as their
     * source endpoint, and the replay finds the kind of an entry by it.
     */
    String endpoint();

    /** Checks one item; the shared checks (eventId, assetId or machine) are done already. */
    void validate(I item, ItemChecker check);

    /** The id of the fact in the source system, the event's {@code metadata.sourceRecordId}. */
    default String sourceRecordId(I item) {
        return item.eventId();
    }

    /** When the fact happened at the source, the event's {@code metadata.occurredAt}; only for valid items. */
    Instant occurredAt(I item);

    /**
     * The canonical event of a valid item.
     *
     * @param assetId
     *            the item's canonical asset: its own {@code assetId}, or the asset its machine resolved to
     */
    E toEvent(I item, String assetId, EventMetadata metadata);
}
