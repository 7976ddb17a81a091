package io.trestle.equipment.domain;

/** What every pushed item carries besides its own facts. */
public interface PushItem {

    /**
     * The caller's id of this item; the same id sent again yields the same event id, so a resent batch is deduplicated
     * downstream.
     */
    String eventId();

    /** Canonical asset id, the key of the event. */
    String assetId();
}
