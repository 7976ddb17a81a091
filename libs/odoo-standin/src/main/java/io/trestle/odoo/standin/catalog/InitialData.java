package io.trestle.odoo.standin.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/**
 * The data of a fresh Odoo 17 database with the recorded modules, with the ids the recording shows: admin is uid 2
 * (partner 3), "Internal" is project 1 with analytic account 1 and tasks Training and Meeting, Hours is unit 4, the
 * default maintenance team is 1, the internal user group is 1 (external id record 5) and portal 10 (record 3020).
 */
public final class InitialData {

    /** A group: recorded id, external id, "Category" / "Name", implied groups. */
    private record Group(int id, String xmlId, String category, String name, List<Integer> implied) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group(1, "base.group_user", "User types", "Internal User", List.of(13, 66, 7)),
            new Group(2, "base.group_erp_manager", "Administration", "Access Rights", List.of()),
            new Group(3, "base.group_system", "Administration", "Settings", List.of(2)),
            new Group(7, "base.group_allow_export", "Technical", "Access to export feature", List.of()),
            new Group(8, "base.group_partner_manager", "Extra Rights", "Contact Creation", List.of()),
            new Group(9, "product.group_product_variant", "Technical", "Manage Product Variants", List.of()),
            new Group(10, "base.group_portal", "User types", "Portal", List.of()),
            new Group(11, "base.group_public", "User types", "Public", List.of()),
            new Group(13, "mail.group_mail_template_editor", "Technical", "Mail Template Editor", List.of()),
            new Group(14, "analytic.group_analytic_accounting", "Technical", "Analytic Accounting", List.of()),
            new Group(15, "account.group_account_user", "Technical", "Show Full Accounting Features", List.of()),
            new Group(16, "hr.group_hr_user", "Employees", "Officer: Manage all employees", List.of()),
            new Group(17, "hr.group_hr_manager", "Employees", "Administrator", List.of(16)),
            new Group(18, "stock.group_stock_user", "Inventory", "User", List.of()),
            new Group(24, "account.group_account_invoice", "Invoicing", "Billing", List.of()),
            new Group(25, "account.group_account_manager", "Invoicing", "Administrator", List.of(24)),
            new Group(28, "purchase.group_purchase_user", "Purchase", "User", List.of()),
            new Group(30, "purchase.group_purchase_manager", "Purchase", "Administrator", List.of(28)),
            new Group(36, "fleet.fleet_group_user", "Fleet", "Officer: Manage all vehicles", List.of()),
            new Group(37, "fleet.fleet_group_manager", "Fleet", "Administrator", List.of(36)),
            new Group(46, "project.group_project_user", "Project", "User", List.of()),
            new Group(47, "project.group_project_manager", "Project", "Administrator", List.of(46)),
            new Group(59, "hr_timesheet.group_hr_timesheet_user", "Timesheets", "User: own timesheets only",
                    List.of()),
            new Group(60, "hr_timesheet.group_hr_timesheet_approver", "Timesheets", "User: all timesheets",
                    List.of(59)),
            new Group(61, "hr_timesheet.group_timesheet_manager", "Timesheets", "Administrator", List.of(60)),
            new Group(63, "stock.group_stock_manager", "Inventory", "Administrator", List.of(18)),
            new Group(64, "maintenance.group_equipment_manager", "Maintenance", "Equipment Manager", List.of()),
            new Group(66, "uom.group_uom", "Technical", "Manage Multiple Units of Measure", List.of()));

    /**
     * Enterprise planning's groups, when the stand-in has planning. Not recorded: their ids follow the recorded ones.
     */
    private static final List<Group> PLANNING_GROUPS = List.of(
            new Group(67, "planning.group_planning_user", "Planning", "User", List.of(1)),
            new Group(68, "planning.group_planning_manager", "Planning", "Administrator", List.of(67)));

    /** The groups of the default user template, in the order the recording read them for a new internal user. */
    private static final List<Integer> DEFAULT_USER_GROUPS = List.of(8, 47, 37, 17, 25, 61, 64, 28, 30, 9, 18, 1, 13,
            24, 16, 66, 7, 63, 36, 46, 60, 59);

    /** External ids whose ir.model.data record ids the recording shows. */
    private static final Map<String, Integer> RECORDED_DATA_IDS = Map.of("base.group_user", 5, "base.group_portal",
            3020);

    private final Orm orm;
    private final Env env;
    private final List<String[]> externalIds = new ArrayList<>();

    private InitialData(Orm orm, Env env) {
        this.orm = orm;
        this.env = env.sudo();
    }

    /**
     * Fills an empty database.
     *
     * @param adminPassword
     *            the admin user's password ({@code admin} as recorded)
     */
    public static void load(Orm orm, Env env, String adminPassword) {
        new InitialData(orm, env).load(adminPassword);
    }

    private void load(String adminPassword) {
        boolean planning = orm.registry().find("planning.slot").isPresent();
        record("res.currency", 1, "base.USD", Map.of("name", "USD", "symbol", "$", "position", "before"));
        record("res.partner", 1, "base.main_partner", Map.of("name", "My Company", "is_company", true));
        record("res.company", 1, "base.main_company", Map.of("name", "My Company", "partner_id", 1));
        record("res.partner", 2, "base.partner_root", Map.of("name", "OdooBot", "company_id", 1));
        record("res.partner", 3, "base.partner_admin", Map.of("name", "Administrator", "company_id", 1));
        record("res.partner", 4, "base.public_partner", Map.of("name", "Public user", "active", false));
        record("res.partner", 5, "base.default_partner", Map.of("name", "Default User Template", "active", false));
        record("res.partner", 6, "base.partner_portal", Map.of("name", "Portal User Template", "active", false));
        List<Group> groups = new ArrayList<>(GROUPS);
        if (planning) {
            groups.addAll(PLANNING_GROUPS);
        }
        groups(groups);
        List<Integer> adminGroups = new ArrayList<>(DEFAULT_USER_GROUPS);
        adminGroups.addAll(List.of(2, 3));
        if (planning) {
            // Installing planning makes the admin its administrator, as Odoo's modules do for their manager groups.
            adminGroups.add(68);
        }
        user(1, "base.user_root", "OdooBot", "__system__", null, 2, List.of(), false);
        user(2, "base.user_admin", "Administrator", "admin", adminPassword, 3, adminGroups, true);
        user(3, "base.default_user", "Default User Template", "default", null, 5, DEFAULT_USER_GROUPS, false);
        user(4, "base.public_user", "Public user", "public", null, 4, List.of(11), false);
        user(5, "base.template_portal_user_id", "Portal User Template", "portaltemplate", null, 6, List.of(10), false);
        record("uom.uom", 1, "uom.product_uom_unit", Map.of("name", "Units"));
        record("uom.uom", 2, "uom.product_uom_dozen", Map.of("name", "Dozens", "factor", 1.0 / 12, "uom_type",
                "bigger"));
        record("uom.uom", 3, "uom.product_uom_day", Map.of("name", "Days", "factor", 0.125, "uom_type", "bigger"));
        record("uom.uom", 4, "uom.product_uom_hour", Map.of("name", "Hours"));
        record("hr.employee", 1, "hr.employee_admin", Map.of("name", "Administrator", "user_id", 2));
        record("account.analytic.plan", 1, "analytic.analytic_plan_projects", Map.of("name", "Projects"));
        record("account.analytic.account", 1, "analytic.analytic_internal",
                Map.of("name", "Internal", "company_id", 1, "plan_id", 1));
        record("project.project", 1, "hr_timesheet.internal_project",
                Map.of("name", "Internal", "company_id", 1, "analytic_account_id", 1));
        record("project.task", 1, "hr_timesheet.internal_task_training", Map.of("name", "Training", "project_id", 1));
        record("project.task", 2, "hr_timesheet.internal_task_meeting", Map.of("name", "Meeting", "project_id", 1));
        record("maintenance.team", 1, "maintenance.equipment_team_maintenance",
                Map.of("name", "Internal Maintenance"));
        record("maintenance.stage", 1, "maintenance.stage_0", Map.of("name", "New Request", "sequence", 1));
        record("maintenance.stage", 2, "maintenance.stage_1", Map.of("name", "In Progress", "sequence", 2));
        record("maintenance.stage", 3, "maintenance.stage_3",
                Map.of("name", "Repaired", "sequence", 3, "fold", true, "done", true));
        record("maintenance.stage", 4, "maintenance.stage_4",
                Map.of("name", "Scrap", "sequence", 4, "fold", true, "done", true));
        installedModels();
        externalIdRecords();
    }

    private void groups(List<Group> groups) {
        Map<String, Integer> categories = new HashMap<>();
        for (Group group : groups) {
            Integer category = categories.computeIfAbsent(group.category(),
                    name -> orm.create(env, "ir.module.category", List.of(Map.of("name", name))).get(0));
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("name", group.name());
            vals.put("category_id", category);
            vals.put("share", group.id() == 10 || group.id() == 11);
            record("res.groups", group.id(), group.xmlId(), vals);
        }
        for (Group group : groups) {
            if (!group.implied().isEmpty()) {
                orm.write(env, "res.groups", List.of(group.id()), Map.of("implied_ids", group.implied()));
            }
        }
    }

    /** ir.model lists every model the database serves, as Odoo registers each model of an installed module. */
    private void installedModels() {
        for (Model model : orm.registry().all()) {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("model", model.name());
            vals.put("name", model.description());
            vals.put("state", "base");
            orm.create(env, "ir.model", List.of(vals));
        }
    }

    private void user(int id, String xmlId, String name, String login, String password, int partner,
            List<Integer> groups, boolean active) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", name);
        vals.put("login", login);
        vals.put("password", password == null ? false : password);
        vals.put("partner_id", partner);
        vals.put("groups_id", groups);
        vals.put("active", active);
        record("res.users", id, xmlId, vals);
    }

    private void record(String model, int id, String xmlId, Map<String, Object> vals) {
        orm.createWithId(env, model, id, vals);
        externalIds.add(new String[]{xmlId, model, String.valueOf(id)});
    }

    /** The recorded ir.model.data ids first, so the others follow them as they would in a real database. */
    private void externalIdRecords() {
        for (String[] entry : externalIds) {
            Integer recorded = RECORDED_DATA_IDS.get(entry[0]);
            if (recorded != null) {
                orm.createWithId(env, "ir.model.data", recorded, externalId(entry));
            }
        }
        for (String[] entry : externalIds) {
            if (!RECORDED_DATA_IDS.containsKey(entry[0])) {
                orm.create(env, "ir.model.data", List.of(externalId(entry)));
            }
        }
    }

    private static Map<String, Object> externalId(String[] entry) {
        int dot = entry[0].indexOf('.');
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("module", entry[0].substring(0, dot));
        vals.put("name", entry[0].substring(dot + 1));
        vals.put("model", entry[1]);
        vals.put("res_id", Integer.parseInt(entry[2]));
        vals.put("noupdate", true);
        return vals;
    }
}
