package io.trestle.odoo.standin.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.ModelBehaviour;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.orm.Values;

/** Products (the variant model; the template's fields are merged in), employees and the resources they are. */
final class ProductModels {

    private ProductModels() {
    }

    static List<Model> all() {
        return List.of(product(), resource(), employee());
    }

    private static Model product() {
        return Model.define("product.product", "Product Variant").order("default_code, name, id")
                .fields(Field.chars("name", "Name").required().translate(),
                        Field.chars("default_code", "Internal Reference"), Field.chars("barcode", "Barcode"),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.selection("type", "Product Type", "consu", "Consumable", "service", "Service", "product",
                                "Storable Product").required().defaultValue("consu"),
                        Field.many2one("uom_id", "Unit of Measure", "uom.uom").required().defaultValue(1),
                        Field.many2one("uom_po_id", "Purchase Unit of Measure", "uom.uom").required().defaultValue(1),
                        Field.floating("standard_price", "Cost"), Field.floating("list_price", "Sales Price")
                                .defaultValue(1.0),
                        Field.many2one("company_id", "Company", "res.company"),
                        Field.text("description", "Description"))
                .nameSearch("default_code", "name", "barcode")
                .displayName((orm, env, row) -> row.get("default_code") == null
                        ? Lookups.name(env, row)
                        : "[" + row.get("default_code") + "] " + Lookups.name(env, row))
                .build();
    }

    private static Model employee() {
        return Model.define("hr.employee", "Employee").order("name")
                .fields(Field.chars("name", "Employee Name").required(),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.many2one("user_id", "User", "res.users"),
                        Field.many2one("company_id", "Company", "res.company").required()
                                .defaultValue(Lookups.MAIN_COMPANY),
                        Field.chars("work_email", "Work Email"), Field.chars("job_title", "Job Title"),
                        Field.chars("barcode", "Badge ID"),
                        Field.monetary("hourly_cost", "Hourly Cost").defaultValue(0.0),
                        Field.many2one("resource_id", "Resource", "resource.resource").required()
                                .onDelete(Field.OnDelete.CASCADE))
                .unique("hr_employee_user_uniq", List.of("user_id", "company_id"),
                        "A user cannot be linked to multiple employees in the same company.")
                .behaviour(new EmployeeBehaviour()).build();
    }

    /**
     * What planning and other schedulers assign work to: a person (through their employee) or a machine. Community's
     * resource module, which hr depends on.
     */
    private static Model resource() {
        return Model.define("resource.resource", "Resources").order("id")
                .fields(Field.chars("name", "Name").required(), Field.bool("active", "Active").defaultValue(true),
                        Field.many2one("company_id", "Company", "res.company").defaultValue(Lookups.MAIN_COMPANY),
                        Field.selection("resource_type", "Type", "user", "Human", "material", "Material").required()
                                .defaultValue("user"),
                        Field.many2one("user_id", "User", "res.users"),
                        Field.floating("time_efficiency", "Efficiency Factor").required().defaultValue(100.0))
                .build();
    }

    /**
     * An employee inherits a resource (Odoo's {@code _inherits}): creating one creates its resource first, and its name
     * and user are the resource's.
     */
    private static final class EmployeeBehaviour implements ModelBehaviour {

        @Override
        public void beforeCreate(Orm orm, Env env, Map<String, Object> vals) {
            if (Values.truthy(vals.get("resource_id"))) {
                return;
            }
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("name", vals.getOrDefault("name", false));
            resource.put("user_id", vals.getOrDefault("user_id", false));
            resource.put("company_id",
                    Values.truthy(vals.get("company_id")) ? vals.get("company_id") : Lookups.MAIN_COMPANY);
            vals.put("resource_id", orm.create(env, "resource.resource", List.of(resource)).get(0));
        }

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            if (row.get("id") == null || !(row.get("resource_id") instanceof Integer resource)) {
                return;
            }
            Map<String, Object> shared = new LinkedHashMap<>();
            for (String field : List.of("name", "user_id")) {
                if (given.contains(field)) {
                    shared.put(field, row.get(field) == null ? false : row.get(field));
                }
            }
            if (!shared.isEmpty()) {
                orm.write(env.sudo(), "resource.resource", List.of(resource), shared);
            }
        }
    }
}
