package io.trestle.odoosink.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;

/**
 * Whether Odoo answers and accepts the sink's credentials right now, independent of whether there is anything to write:
 * an idle sink with an unreachable Odoo is not ready. One cheap call per probe (the sink's own user record); the client
 * authenticates only once.
 */
@Readiness
@ApplicationScoped
public class OdooHealthCheck implements HealthCheck {

    private final OdooClient odoo;

    @Inject
    public OdooHealthCheck(OdooClient odoo) {
        this.odoo = odoo;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long uid = odoo.uid();
            long found = odoo.searchCount("res.users", List.of(List.of("id", "=", uid)));
            return HealthCheckResponse.named("odoo")
                    .status(found == 1)
                    .withData("server", odoo.version().serverVersion())
                    .withData("uid", uid)
                    .build();
        } catch (OdooException e) {
            return HealthCheckResponse.named("odoo")
                    .down()
                    .withData("errorClass", e.errorClass().name())
                    .withData("error", e.getMessage())
                    .build();
        }
    }
}
