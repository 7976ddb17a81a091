package io.trestle.equipment.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Answer to an accepted batch: every item was either published or quarantined, none dropped.
 *
 * @param accepted
 *            the items published
 * @param quarantined
 *            the items quarantined because the crosswalk does not know their machine
 * @param eventIds
 *            the ids of the published events, in the order of their items
 * @param items
 *            what became of each item, in the order of the batch
 */
public record Accepted(int accepted, int quarantined, String correlationId, List<UUID> eventIds,
        List<ItemOutcome> items) {

    public enum Outcome {
        /** Published, acknowledged by the broker. */
        ACCEPTED,
        /**
         * Sent to the quarantine topic, acknowledged by the broker; published by a replay once its machine is mapped.
         */
        QUARANTINED
    }

    /**
     * @param item
     *            zero-based position of the item in the batch
     * @param itemId
     *            the caller's id of the item
     * @param eventId
     *            the id of the item's event: published now, or later by the replay, with this same id
     * @param assetId
     *            the canonical asset, given or resolved; absent when quarantined
     * @param quarantineId
     *            the id of the quarantine entry, the replay refers to it
     * @param reasonCode
     *            machine-readable reason of the quarantine, from the catalogue in the schemas README
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What became of one item")
    public record ItemOutcome(int item, String itemId, Outcome outcome, UUID eventId, String assetId,
            UUID quarantineId, String reasonCode, String message) {

        public static ItemOutcome accepted(int item, String itemId, UUID eventId, String assetId) {
            return new ItemOutcome(item, itemId, Outcome.ACCEPTED, eventId, assetId, null, null, null);
        }

        public static ItemOutcome quarantined(int item, String itemId, UUID eventId, UUID quarantineId,
                String reasonCode, String message) {
            return new ItemOutcome(item, itemId, Outcome.QUARANTINED, eventId, null, quarantineId, reasonCode,
                    message);
        }
    }

    public static Accepted of(String correlationId, List<ItemOutcome> items) {
        List<UUID> published = items.stream().filter(item -> item.outcome() == Outcome.ACCEPTED)
                .map(ItemOutcome::eventId).toList();
        return new Accepted(published.size(), items.size() - published.size(), correlationId, published, items);
    }
}
