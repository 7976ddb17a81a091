package io.trestle.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoo.standin.OdooStandIn;

/** What an Odoo administrator sets up before the sink writes, done through Odoo's external API as they would. */
final class OdooSetup {

    private OdooSetup() {
    }

    /** An analytic account for unallocated equipment usage, in the first analytic plan; its id. */
    static long unallocatedAccount(OdooStandIn odoo) {
        try (OdooClient client = OdooClient.create(
                OdooClientConfig.of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey()))) {
            List<Long> plans = client.search("account.analytic.plan", List.of(), SearchOptions.limit(1));
            Map<String, Object> values = new HashMap<>();
            values.put("name", "Unallocated equipment usage");
            if (!plans.isEmpty()) {
                values.put("plan_id", plans.get(0));
            }
            return client.create("account.analytic.account", values);
        }
    }
}
