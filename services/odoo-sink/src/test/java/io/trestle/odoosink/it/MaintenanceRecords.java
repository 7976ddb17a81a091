package io.trestle.odoosink.it;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.trestle.odoo.standin.OdooStandIn;

/** Equipment and maintenance requests in the Odoo stand-in, for the tests that write requests. */
final class MaintenanceRecords {

    static final String MODEL = "maintenance.request";

    private MaintenanceRecords() {
    }

    /** A new piece of equipment, so that each test counts only its own requests. */
    static int equipment(OdooStandIn odoo) {
        return odoo.seed("maintenance.equipment", Map.of("name", "Excavator " + UUID.randomUUID()));
    }

    static List<Map<String, Object>> requestsOn(OdooStandIn odoo, int equipment) {
        return odoo.records(MODEL).stream()
                .filter(request -> request.get("equipment_id") instanceof List<?> reference
                        && reference.get(0).equals(equipment))
                .toList();
    }
}
