package io.trestle.odoo.standin.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The model access rights (ir.model.access) of the modules the recording had installed, and of Enterprise's planning,
 * reduced to the models the stand-in serves. The groups listed in the recorded AccessError messages are exactly those
 * holding the right.
 */
final class AccessRights {

    private record Acl(String model, String group, String permissions) {

        boolean grants(Operation operation) {
            return permissions.indexOf(switch (operation) {
                case READ -> 'r';
                case WRITE -> 'w';
                case CREATE -> 'c';
                case UNLINK -> 'u';
            }) >= 0;
        }
    }

    private static final String USER = "base.group_user";
    private static final String PORTAL = "base.group_portal";
    private static final String SYSTEM = "base.group_system";
    private static final String PROJECT_MANAGER = "project.group_project_manager";

    private static final List<Acl> RIGHTS = List.of(
            new Acl("project.project", USER, "r"),
            new Acl("project.project", PORTAL, "r"),
            new Acl("project.project", "project.group_project_user", "r"),
            new Acl("project.project", PROJECT_MANAGER, "rwcu"),
            new Acl("project.task", USER, "r"),
            new Acl("project.task", PORTAL, "r"),
            new Acl("project.task", "project.group_project_user", "rwcu"),
            new Acl("project.task", PROJECT_MANAGER, "rwcu"),
            new Acl("project.task.type", USER, "r"),
            new Acl("project.task.type", PROJECT_MANAGER, "rwcu"),
            new Acl("account.analytic.plan", USER, "r"),
            new Acl("account.analytic.plan", "analytic.group_analytic_accounting", "rwcu"),
            new Acl("account.analytic.plan", PROJECT_MANAGER, "rwcu"),
            new Acl("account.analytic.account", USER, "r"),
            new Acl("account.analytic.account", PROJECT_MANAGER, "rwcu"),
            new Acl("account.analytic.account", "analytic.group_analytic_accounting", "rwcu"),
            new Acl("account.analytic.account", "account.group_account_user", "rwcu"),
            new Acl("account.analytic.line", "account.group_account_invoice", "rwcu"),
            new Acl("account.analytic.line", PROJECT_MANAGER, "rwcu"),
            new Acl("account.analytic.line", "analytic.group_analytic_accounting", "rwcu"),
            new Acl("account.analytic.line", "hr_timesheet.group_hr_timesheet_user", "rwcu"),
            new Acl("maintenance.request", USER, "rwcu"),
            new Acl("maintenance.equipment", USER, "r"),
            new Acl("maintenance.equipment", "maintenance.group_equipment_manager", "rwcu"),
            new Acl("maintenance.equipment.category", USER, "r"),
            new Acl("maintenance.equipment.category", "maintenance.group_equipment_manager", "rwcu"),
            new Acl("maintenance.team", USER, "r"),
            new Acl("maintenance.team", "maintenance.group_equipment_manager", "rwcu"),
            new Acl("maintenance.stage", USER, "r"),
            new Acl("maintenance.stage", "maintenance.group_equipment_manager", "rwcu"),
            new Acl("product.product", USER, "r"),
            new Acl("product.product", "account.group_account_manager", "rwcu"),
            new Acl("product.product", "purchase.group_purchase_manager", "rwcu"),
            new Acl("product.product", "stock.group_stock_manager", "rwcu"),
            new Acl("hr.employee", "hr.group_hr_user", "rwcu"),
            new Acl("resource.resource", USER, "r"),
            new Acl("resource.resource", SYSTEM, "rwcu"),
            new Acl("resource.resource", "hr.group_hr_user", "rwcu"),
            new Acl("planning.slot", "planning.group_planning_user", "r"),
            new Acl("planning.slot", "planning.group_planning_manager", "rwcu"),
            new Acl("purchase.order", "purchase.group_purchase_user", "rwcu"),
            new Acl("purchase.order", "purchase.group_purchase_manager", "rwcu"),
            new Acl("purchase.order.line", "purchase.group_purchase_user", "rwcu"),
            new Acl("purchase.order.line", "purchase.group_purchase_manager", "rwcu"),
            new Acl("res.users", USER, "r"),
            new Acl("res.users", PORTAL, "r"),
            new Acl("res.users", "base.group_erp_manager", "rwcu"),
            new Acl("res.groups", USER, "r"),
            new Acl("res.groups", "base.group_erp_manager", "rwcu"),
            new Acl("ir.module.category", USER, "r"),
            new Acl("ir.module.category", SYSTEM, "rwcu"),
            new Acl("res.partner", USER, "r"),
            new Acl("res.partner", PORTAL, "r"),
            new Acl("res.partner", "base.group_partner_manager", "rwcu"),
            new Acl("res.company", USER, "r"),
            new Acl("res.company", PORTAL, "r"),
            new Acl("res.company", SYSTEM, "rwcu"),
            new Acl("res.currency", USER, "r"),
            new Acl("res.currency", PORTAL, "r"),
            new Acl("res.currency", SYSTEM, "rwcu"),
            new Acl("uom.uom", USER, "r"),
            new Acl("uom.uom", SYSTEM, "rwcu"),
            new Acl("ir.model", USER, "r"),
            new Acl("ir.model", "base.group_erp_manager", "rwcu"),
            new Acl("ir.model.data", USER, "r"),
            new Acl("ir.model.data", SYSTEM, "rwcu"));

    private AccessRights() {
    }

    static boolean allows(Set<Integer> userGroups, String model, Operation operation,
            Function<String, Optional<Integer>> groupIds) {
        for (Acl acl : RIGHTS) {
            if (acl.model().equals(model) && acl.grants(operation)
                    && groupIds.apply(acl.group()).filter(userGroups::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The external ids of the groups holding the right directly, as Odoo's message lists them. */
    static List<String> groupsAllowing(String model, Operation operation) {
        List<String> groups = new ArrayList<>();
        for (Acl acl : RIGHTS) {
            if (acl.model().equals(model) && acl.grants(operation)) {
                groups.add(acl.group());
            }
        }
        return groups;
    }
}
