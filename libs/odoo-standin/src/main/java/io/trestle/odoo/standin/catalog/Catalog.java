package io.trestle.odoo.standin.catalog;

import java.util.ArrayList;
import java.util.List;

import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.Registry;

/** Every model the stand-in serves: the recorded Community modules, and Enterprise's planning when asked for. */
public final class Catalog {

    private Catalog() {
    }

    /**
     * @param enterprisePlanning
     *            whether to add the planning module ({@code planning.slot})
     */
    public static Registry registry(boolean enterprisePlanning) {
        List<Model> models = new ArrayList<>();
        models.addAll(BaseModels.all());
        models.addAll(ProductModels.all());
        models.addAll(ProjectModels.all());
        models.addAll(AnalyticModels.all());
        models.addAll(MaintenanceModels.all());
        models.addAll(PurchaseModels.all());
        if (enterprisePlanning) {
            models.addAll(PlanningModels.all());
        }
        return new Registry(models);
    }
}
