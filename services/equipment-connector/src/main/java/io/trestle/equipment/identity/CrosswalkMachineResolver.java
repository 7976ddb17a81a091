package io.trestle.equipment.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.kafka.CrosswalkTable;
import io.trestle.schema.common.ExternalId;

/**
 * Machines resolved through the crosswalk topic, followed for as long as the connector runs: only active mappings to an
 * {@code equipment} resolve, and a withdrawn one stops resolving at once.
 */
public final class CrosswalkMachineResolver implements MachineResolver, AutoCloseable {

    /** The odoo-connector publishes Odoo's own serial numbers under this system and entity type. */
    static final String ODOO_SYSTEM = "odoo";
    static final String ODOO_SERIAL = "equipment-serial";
    /** What vendors' machine ids are mapped as through the crosswalk API, and what they are mapped to. */
    static final String EQUIPMENT = "equipment";

    private final CrosswalkTable table;

    /**
     * @param table
     *            owned by the resolver from now on
     */
    public CrosswalkMachineResolver(CrosswalkTable table) {
        this.table = table;
    }

    public void start() {
        table.start();
    }

    @Override
    public Optional<String> assetOf(String system, EquipmentIdentity machine) {
        List<ExternalId> ids = new ArrayList<>();
        if (machine.pin() != null) {
            ids.add(new ExternalId(system, EQUIPMENT, machine.pin()));
        }
        if (machine.serialNumber() != null) {
            ids.add(new ExternalId(system, EQUIPMENT, machine.serialNumber()));
            ids.add(new ExternalId(ODOO_SYSTEM, ODOO_SERIAL, machine.serialNumber()));
        }
        if (machine.pin() != null) {
            // Many OEMs stamp the PIN as the serial number Odoo records.
            ids.add(new ExternalId(ODOO_SYSTEM, ODOO_SERIAL, machine.pin()));
        }
        return ids.stream().map(id -> table.resolve(id, EQUIPMENT)).flatMap(Optional::stream).findFirst();
    }

    @Override
    public boolean ready() {
        return table.ready();
    }

    @Override
    public void close() throws InterruptedException {
        table.close();
    }
}
