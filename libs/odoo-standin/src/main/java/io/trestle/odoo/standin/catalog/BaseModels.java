package io.trestle.odoo.standin.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.model.CheckConstraint;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.ModelBehaviour;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/**
 * The base module's models: companies, partners, users and their groups, the installed models and external ids, units
 * of measure.
 */
final class BaseModels {

    private BaseModels() {
    }

    static List<Model> all() {
        return List.of(company(), currency(), partner(), users(), groups(), moduleCategory(), models(), modelData(),
                uom());
    }

    private static Model company() {
        return Model.define("res.company", "Companies").order("sequence, name")
                .fields(Field.chars("name", "Company Name").required(),
                        Field.integer("sequence", "Sequence").defaultValue(10),
                        Field.many2one("partner_id", "Partner", "res.partner"),
                        Field.many2one("currency_id", "Currency", "res.currency").required().defaultValue(1),
                        Field.chars("email", "Email"), Field.chars("phone", "Phone"))
                .build();
    }

    private static Model currency() {
        return Model.define("res.currency", "Currency").order("active desc, name")
                .fields(Field.chars("name", "Currency").required(), Field.chars("symbol", "Symbol").required(),
                        Field.floating("rounding", "Rounding Factor").defaultValue(0.01),
                        Field.selection("position", "Symbol Position", "after", "After Amount", "before",
                                "Before Amount").defaultValue("after"),
                        Field.bool("active", "Active").defaultValue(true))
                .build();
    }

    private static Model partner() {
        return Model.define("res.partner", "Contact").order("name, id desc")
                .fields(Field.chars("name", "Name"),
                        Field.selection("type", "Address Type", "contact", "Contact", "invoice", "Invoice Address",
                                "delivery", "Delivery Address", "other", "Other Address").defaultValue("contact"),
                        Field.bool("is_company", "Is a Company"), Field.chars("ref", "Reference"),
                        Field.chars("vat", "Tax ID"), Field.chars("email", "Email"), Field.chars("phone", "Phone"),
                        Field.chars("street", "Street"), Field.chars("city", "City"), Field.chars("zip", "Zip"),
                        Field.many2one("company_id", "Company", "res.company"),
                        Field.integer("supplier_rank", "Supplier Rank"),
                        Field.integer("customer_rank", "Customer Rank"),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.one2many("user_ids", "Users", "res.users", "partner_id"))
                .nameSearch("name", "email", "ref", "vat")
                .check(new CheckConstraint("res_partner_check_name",
                        row -> !"contact".equals(row.get("type")) || row.get("name") != null,
                        "Contacts require a name"))
                .build();
    }

    private static Model users() {
        return Model.define("res.users", "User").order("name, login")
                .fields(Field.chars("name", "Name").required(), Field.chars("login", "Login").required(),
                        Field.chars("password", "Password").writeOnly(),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.many2one("partner_id", "Related Partner", "res.partner").required()
                                .onDelete(Field.OnDelete.RESTRICT),
                        Field.many2one("company_id", "Company", "res.company").required()
                                .defaultValue(Lookups.MAIN_COMPANY),
                        Field.many2many("groups_id", "Groups", "res.groups"),
                        Field.bool("share", "Share User").computed((orm, env, row) -> !orm.security()
                                .resolve("base.group_user").filter(((List<?>) row.get("groups_id"))::contains)
                                .isPresent()),
                        Field.chars("email", "Email"), Field.chars("tz", "Timezone"),
                        Field.chars("lang", "Language").defaultValue("en_US"),
                        Field.one2many("employee_ids", "Related employee", "hr.employee", "user_id"))
                .nameSearch("name", "login")
                .unique("res_users_login_key", List.of("login"), "You can not have two users with the same login!")
                .behaviour(new UserBehaviour()).build();
    }

    /**
     * A new user gets a partner, and the default user template's groups unless groups are given; groups are stored with
     * the groups they imply, as Odoo stores them.
     */
    private static final class UserBehaviour implements ModelBehaviour {

        @Override
        public void beforeCreate(Orm orm, Env env, Map<String, Object> vals) {
            if (!vals.containsKey("partner_id")) {
                Map<String, Object> partner = new LinkedHashMap<>();
                partner.put("name", vals.get("name"));
                partner.put("email", vals.getOrDefault("email", false));
                partner.put("company_id", Lookups.MAIN_COMPANY);
                vals.put("partner_id", orm.create(env.sudo(), "res.partner", List.of(partner)).get(0));
            }
            if (!vals.containsKey("groups_id")) {
                Object template = orm.security().resolve("base.default_user")
                        .map(id -> orm.table("res.users").row(id).get("groups_id")).orElse(List.of());
                vals.put("groups_id", List.of(List.of(6, 0, template)));
            }
        }

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            if (row.get("groups_id") instanceof List<?> groups
                    && (given.contains("groups_id") || row.get("id") == null)) {
                row.put("groups_id", withImplied(orm, groups));
            }
            if (given.contains("name") && row.get("id") != null && row.get("partner_id") instanceof Integer partner) {
                orm.write(env.sudo(), "res.partner", List.of(partner), Map.of("name", row.get("name")));
            }
        }

        private static List<Integer> withImplied(Orm orm, List<?> groups) {
            Set<Integer> all = new LinkedHashSet<>();
            Deque<Integer> queue = new ArrayDeque<>();
            groups.forEach(id -> queue.add((Integer) id));
            while (!queue.isEmpty()) {
                int group = queue.poll();
                if (all.add(group)) {
                    Map<String, Object> row = orm.table("res.groups").row(group);
                    if (row != null && row.get("implied_ids") instanceof List<?> implied) {
                        implied.forEach(id -> queue.add((Integer) id));
                    }
                }
            }
            return new ArrayList<>(all);
        }
    }

    private static Model groups() {
        return Model.define("res.groups", "Access Groups").order("name")
                .fields(Field.chars("name", "Name").required(),
                        Field.many2one("category_id", "Application", "ir.module.category"),
                        Field.many2many("implied_ids", "Inherits", "res.groups"),
                        Field.bool("share", "Share Group"),
                        Field.chars("full_name", "Group Name").computed((orm, env, row) -> fullName(orm, env, row)))
                .displayName(BaseModels::fullName).build();
    }

    private static String fullName(Orm orm, Env env, Map<String, Object> row) {
        Map<String, Object> category = Lookups.target(orm, "ir.module.category", row.get("category_id"));
        String name = Lookups.name(env, row);
        return category == null ? name : Lookups.name(env, category) + " / " + name;
    }

    private static Model moduleCategory() {
        return Model.define("ir.module.category", "Application").order("name")
                .fields(Field.chars("name", "Name").required().translate(),
                        Field.integer("sequence", "Sequence"))
                .build();
    }

    /** One row per model the database serves, which is how a client asks whether a module is installed. */
    private static Model models() {
        return Model.define("ir.model", "Models").order("model")
                .fields(Field.chars("name", "Model Description").required().translate(),
                        Field.chars("model", "Model").required().defaultValue("x_"),
                        Field.text("info", "Information"),
                        Field.selection("state", "Type", "manual", "Custom Object", "base", "Base Object")
                                .defaultValue("manual"),
                        Field.bool("transient", "Transient Model"))
                .nameSearch("name", "model")
                .unique("ir_model_obj_name_uniq", List.of("model"), "Each model must have a unique name.")
                .build();
    }

    private static Model modelData() {
        return Model.define("ir.model.data", "Model Data").order("module, model, name")
                .fields(Field.chars("name", "External Identifier").required(),
                        Field.chars("complete_name", "Complete ID")
                                .computed((orm, env, row) -> row.get("module") + "." + row.get("name")),
                        Field.chars("model", "Model Name").required(),
                        Field.chars("module", "Module").required().defaultValue(""),
                        Field.many2oneReference("res_id", "Record ID"),
                        Field.bool("noupdate", "Non Updatable").defaultValue(false))
                .displayName((orm, env, row) -> row.get("module") + "." + row.get("name"))
                .unique("ir_model_data_module_name_uniq_index", List.of("module", "name"), null)
                .check(new CheckConstraint("ir_model_data_name_nospaces",
                        row -> !String.valueOf(row.get("name")).contains(" "), "External IDs cannot contain spaces"))
                .lookupKey("module", "name").build();
    }

    private static Model uom() {
        return Model.define("uom.uom", "Product Unit of Measure").order("factor DESC, id")
                .fields(Field.chars("name", "Unit of Measure").required().translate(),
                        Field.floating("factor", "Ratio").defaultValue(1.0),
                        Field.floating("rounding", "Rounding Precision").defaultValue(0.01),
                        Field.selection("uom_type", "Type", "bigger", "Bigger than the reference Unit of Measure",
                                "reference", "Reference Unit of Measure for this category", "smaller",
                                "Smaller than the reference Unit of Measure").defaultValue("reference"),
                        Field.bool("active", "Active").defaultValue(true))
                .build();
    }
}
