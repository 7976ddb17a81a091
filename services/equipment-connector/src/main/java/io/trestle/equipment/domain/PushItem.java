package io.trestle.equipment.domain;

import io.trestle.equipment.aemp.EquipmentIdentity;

/** What every pushed item carries besides its own facts. */
public interface PushItem {

    /** For the OpenAPI document of every item's {@code assetId}. */
    String ASSET_ID_DOC = "Canonical asset id, the key of the event. Give exactly one of assetId and machine.";
    /** For the OpenAPI document of every item's {@code machine}. */
    String MACHINE_DOC = "The machine as the pushing platform identifies it (pin and/or serialNumber, optionally "
            + "oemName, model, equipmentId), instead of assetId. It is resolved through the crosswalk under system "
            + "'push:<client>' (PIN, then serial number, then the serial number Odoo records); an item whose machine "
            + "has no mapping is quarantined with reason UNMAPPED_EXTERNAL_ID and published by the quarantine replay "
            + "once it is mapped.";

    /**
     * The caller's id of this item; the same id sent again yields the same event id, so a resent batch is deduplicated
     * downstream.
     */
    String eventId();

    /** Canonical asset id, the key of the event; null when the item names its {@link #machine()} instead. */
    String assetId();

    /** The machine as the platform names it, resolved through the crosswalk; null when the item gives its asset id. */
    EquipmentIdentity machine();
}
