package io.trestle.odooconnector.it;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;

/**
 * An Odoo stand-in seeded with a machine and a project before the connector starts, and the connector pointed at it in
 * polling mode.
 */
public class SeededOdooResource implements QuarkusTestResourceLifecycleManager {

    static final String SERIAL = "CAT0320XKZP01234";
    static final String PROJECT = "Riverside Bridge";

    private OdooStandIn odoo;

    @Override
    public Map<String, String> start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        odoo.seed("maintenance.equipment", Map.of("name", "Excavator CAT 320 #7", "serial_no", SERIAL));
        odoo.seed("project.project", Map.of("name", PROJECT));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("trestle.odoo-connector.mode", "POLLING");
        config.put("trestle.odoo-connector.odoo.url", odoo.url().toString());
        config.put("trestle.odoo-connector.odoo.database", odoo.database());
        config.put("trestle.odoo-connector.odoo.login", odoo.adminLogin());
        config.put("trestle.odoo-connector.odoo.api-key", odoo.adminApiKey());
        config.put("trestle.odoo-connector.polling.interval", "PT1S");
        return config;
    }

    @Override
    public void stop() {
        if (odoo != null) {
            odoo.close();
        }
    }
}
