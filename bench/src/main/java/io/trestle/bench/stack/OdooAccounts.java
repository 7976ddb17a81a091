package io.trestle.bench.stack;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.trestle.bench.fleet.Fleet;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.SearchOptions;

/**
 * The analytic accounts the postings are booked on, created in Odoo through its external API as an administrator would:
 * one per cost code of every project, and one for unallocated usage. The sink refuses a cost code that is not an
 * analytic account id, so the reservations name these accounts.
 */
public record OdooAccounts(long unallocated, Map<String, List<Long>> costCodesByProject) {

    public static OdooAccounts create(String odooUrl, String apiKey, List<String> projectIds) {
        try (OdooClient odoo = OdooClient.create(
                OdooClientConfig.of(URI.create(odooUrl), Stack.ODOO_DATABASE, Stack.ODOO_LOGIN, apiKey))) {
            List<Long> plans = odoo.search("account.analytic.plan", List.of(), SearchOptions.limit(1));
            long plan = plans.isEmpty()
                    ? odoo.create("account.analytic.plan", Map.of("name", "Trestle benchmark"))
                    : plans.get(0);
            long unallocated = odoo.create("account.analytic.account",
                    Map.of("name", "Trestle: unallocated equipment usage", "plan_id", plan));
            List<Map<String, Object>> accounts = new ArrayList<>();
            for (String project : projectIds) {
                for (int slot = 0; slot < Fleet.COST_CODES_PER_PROJECT; slot++) {
                    accounts.add(Map.of("name", "Project " + project + " / equipment " + (slot + 1), "plan_id", plan));
                }
            }
            List<Long> ids = odoo.createMany("account.analytic.account", accounts);
            Map<String, List<Long>> byProject = new HashMap<>();
            for (int p = 0; p < projectIds.size(); p++) {
                byProject.put(projectIds.get(p), ids.subList(p * Fleet.COST_CODES_PER_PROJECT,
                        (p + 1) * Fleet.COST_CODES_PER_PROJECT));
            }
            return new OdooAccounts(unallocated, byProject);
        }
    }

    public String costCode(String projectId, int slot) {
        return Long.toString(costCodesByProject.get(projectId).get(slot));
    }
}
