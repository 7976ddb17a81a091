package io.trestle.odoo.standin.catalog;

import java.util.ArrayList;
import java.util.List;

import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.Registry;

/** Every model the stand-in serves. */
public final class Catalog {

    private Catalog() {
    }

    public static Registry registry() {
        List<Model> models = new ArrayList<>();
        models.addAll(BaseModels.all());
        models.addAll(ProductModels.all());
        models.addAll(ProjectModels.all());
        models.addAll(AnalyticModels.all());
        models.addAll(MaintenanceModels.all());
        models.addAll(PurchaseModels.all());
        return new Registry(models);
    }
}
