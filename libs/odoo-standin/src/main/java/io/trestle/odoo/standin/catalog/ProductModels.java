package io.trestle.odoo.standin.catalog;

import java.util.List;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;

/** Products (the variant model; the template's fields are merged in) and employees. */
final class ProductModels {

    private ProductModels() {
    }

    static List<Model> all() {
        return List.of(product(), employee());
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
                        Field.monetary("hourly_cost", "Hourly Cost").defaultValue(0.0))
                .unique("hr_employee_user_uniq", List.of("user_id", "company_id"),
                        "A user cannot be linked to multiple employees in the same company.")
                .build();
    }
}
