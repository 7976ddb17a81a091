package io.trestle.odoosink.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;

/**
 * Starts the Odoo stand-in for a {@code @QuarkusTest}, creates the analytic accounts the tests book on, and points the
 * sink at it. Init argument {@code api-key} overrides the key the sink uses (to test a refused key).
 */
public class OdooStandInResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCOUNT_NAME = "Trestle test: site A";
    static final String VENDOR_NAME = "Trestle test: parts vendor";
    static final String UNALLOCATED_ACCOUNT_NAME = "Trestle test: unallocated equipment usage";

    private OdooStandIn odoo;
    private String apiKeyOverride;

    @Override
    public void init(Map<String, String> initArgs) {
        apiKeyOverride = initArgs.get("api-key");
    }

    @Override
    public Map<String, String> start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("trestle.odoo-sink.odoo.url", odoo.url().toString());
        config.put("trestle.odoo-sink.odoo.database", odoo.database());
        config.put("trestle.odoo-sink.odoo.login", odoo.adminLogin());
        config.put("trestle.odoo-sink.odoo.api-key", apiKeyOverride != null ? apiKeyOverride : odoo.adminApiKey());
        config.put("trestle.odoo-sink.costs.unallocated-account-id",
                Long.toString(analyticAccount(UNALLOCATED_ACCOUNT_NAME)));
        config.put("trestle.test.site-account-id", Long.toString(analyticAccount(ACCOUNT_NAME)));
        config.put("trestle.odoo-sink.purchases.default-vendor-id",
                Integer.toString(odoo.seed("res.partner", Map.of("name", VENDOR_NAME, "is_company", true))));
        // Each test application reads the postings topic on its own, from the beginning.
        config.put("trestle.odoo-sink.consumer-group", "odoo-sink-test-" + UUID.randomUUID());
        return config;
    }

    /** The id of an analytic account with this name, created through the real protocol when missing. */
    private long analyticAccount(String name) {
        try (OdooClient client = OdooClient.create(
                OdooClientConfig.of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey()))) {
            List<Long> existing = client.search("account.analytic.account", List.of(List.of("name", "=", name)),
                    SearchOptions.none());
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            List<Long> plans = client.search("account.analytic.plan", List.of(), SearchOptions.limit(1));
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", name);
            if (!plans.isEmpty()) {
                values.put("plan_id", plans.get(0));
            }
            return client.create("account.analytic.account", values);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(odoo,
                new TestInjector.AnnotatedAndMatchesType(InjectOdoo.class, OdooStandIn.class));
    }

    @Override
    public void stop() {
        if (odoo != null) {
            odoo.close();
        }
    }
}
