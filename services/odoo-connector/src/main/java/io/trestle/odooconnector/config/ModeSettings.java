package io.trestle.odooconnector.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks at start that the settings of the configured mode are all there, naming every missing one at once. */
public final class ModeSettings {

    private ModeSettings() {
    }

    /**
     * @throws IllegalStateException
     *             naming each missing setting with its environment variable
     */
    public static void check(ConnectorConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.mode() == ConnectorConfig.Mode.CDC) {
            ConnectorConfig.Cdc cdc = config.cdc();
            require(cdc.host(), "cdc.host", missing);
            require(cdc.database(), "cdc.database", missing);
            require(cdc.user(), "cdc.user", missing);
            require(cdc.password(), "cdc.password", missing);
        } else {
            ConnectorConfig.Odoo odoo = config.odoo();
            require(odoo.url(), "odoo.url", missing);
            require(odoo.database(), "odoo.database", missing);
            require(odoo.login(), "odoo.login", missing);
            require(odoo.apiKey(), "odoo.api-key", missing);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "The odoo-connector runs in " + config.mode() + " mode (trestle.odoo-connector"
                            + ".mode) but lacks " + String.join(", ", missing));
        }
    }

    private static void require(Optional<?> value, String key, List<String> missing) {
        if (value.isEmpty() || value.get().toString().isBlank()) {
            String property = "trestle.odoo-connector." + key;
            missing.add(property + " (env " + property.toUpperCase().replaceAll("[^A-Z0-9]", "_") + ")");
        }
    }
}
