package io.trestle.equipment.identity;

import java.util.Optional;

import io.trestle.equipment.aemp.EquipmentIdentity;

/**
 * Resolves a machine as a vendor identifies it to the canonical asset, through the crosswalk only: an id without an
 * active mapping resolves to nothing and its data goes to quarantine, never to a guessed asset.
 */
public interface MachineResolver {

    /**
     * The canonical asset id of the machine, trying in order the PIN and the serial number under the vendor's system,
     * then the serial number as Odoo records it.
     *
     * @param system
     *            the crosswalk system of the vendor, e.g. {@code aemp:trackunit}
     */
    Optional<String> assetOf(String system, EquipmentIdentity machine);

    /** False until the crosswalk was read to its end once: resolving earlier would quarantine mapped machines. */
    boolean ready();
}
