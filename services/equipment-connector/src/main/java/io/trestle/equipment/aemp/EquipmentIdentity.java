package io.trestle.equipment.aemp;

/**
 * A machine as the vendor names it in its {@code EquipmentHeader}; the connector resolves it to the canonical asset
 * through the crosswalk. Every field is optional because vendors fill different ones.
 *
 * @param oemName
 *            {@code OEMName}, or {@code Make} in AEMP 1.2
 * @param model
 *            {@code Model}
 * @param serialNumber
 *            {@code SerialNumber}
 * @param pin
 *            {@code PIN}, the product identification number
 * @param equipmentId
 *            {@code EquipmentID}, the fleet owner's own label
 */
public record EquipmentIdentity(String oemName, String model, String serialNumber, String pin, String equipmentId) {

    /**
     * The fields reading ids are derived from. The owner's {@code EquipmentID} is used only when nothing else is there,
     * because owners relabel machines and that must not turn old readings into new ones.
     */
    String stableKey() {
        if (pin != null) {
            return "pin:" + pin;
        }
        if (serialNumber != null) {
            return "serial:" + oemName + "\u0000" + model + "\u0000" + serialNumber;
        }
        return "equipment:" + equipmentId;
    }

    boolean isEmpty() {
        return pin == null && serialNumber == null && equipmentId == null;
    }
}
