package io.trestle.odoo.standin.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.ModelBehaviour;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/**
 * Analytic accounting: plans, accounts (projects and cost codes) and lines (costs, and timesheets when a project is
 * set).
 */
final class AnalyticModels {

    private AnalyticModels() {
    }

    static List<Model> all() {
        return List.of(plan(), account(), line());
    }

    private static Model plan() {
        return Model.define("account.analytic.plan", "Analytic Plans").order("sequence asc, id")
                .fields(Field.chars("name", "Name").required().translate(),
                        Field.integer("sequence", "Sequence").defaultValue(10), Field.integer("color", "Color"))
                .build();
    }

    private static Model account() {
        return Model.define("account.analytic.account", "Analytic Account").order("plan_id, name asc")
                .fields(Field.chars("name", "Analytic Account").required().translate(),
                        Field.chars("code", "Reference"), Field.bool("active", "Active").defaultValue(true),
                        Field.many2one("plan_id", "Plan", "account.analytic.plan").required()
                                .defaultValue((orm, env) -> Lookups.first(orm, env, "account.analytic.plan", r -> true)
                                        .orElse(null)),
                        Field.many2one("company_id", "Company", "res.company"),
                        Field.many2one("partner_id", "Customer", "res.partner"),
                        Field.one2many("line_ids", "Analytic Lines", "account.analytic.line", "account_id"),
                        Field.monetary("balance", "Balance").computed((orm, env, row) -> orm
                                .table("account.analytic.line").rows().stream()
                                .filter(line -> row.get("id").equals(line.get("account_id")))
                                .mapToDouble(line -> (Double) line.get("amount")).sum()))
                .nameSearch("name", "code")
                .displayName((orm, env, row) -> {
                    String name = Lookups.name(env, row);
                    if (row.get("code") != null) {
                        name = "[" + row.get("code") + "] " + name;
                    }
                    Map<String, Object> partner = Lookups.target(orm, "res.partner", row.get("partner_id"));
                    return partner == null ? name : name + " - " + Lookups.name(env, partner);
                }).build();
    }

    private static Model line() {
        return Model.define("account.analytic.line", "Analytic Line").order("date desc, id desc")
                .fields(Field.chars("name", "Description").required(),
                        Field.date("date", "Date").required().defaultValue((orm, env) -> env.todayText()),
                        Field.monetary("amount", "Amount").required().defaultValue(0.0),
                        Field.floating("unit_amount", "Quantity").defaultValue(0.0),
                        Field.many2one("product_uom_id", "Unit of Measure", "uom.uom"),
                        Field.many2one("account_id", "Analytic Account", "account.analytic.account")
                                .onDelete(Field.OnDelete.RESTRICT),
                        Field.many2one("company_id", "Company", "res.company").required().readonly()
                                .defaultValue(Lookups.MAIN_COMPANY),
                        Field.many2one("currency_id", "Currency", "res.currency").readonly(),
                        Field.many2one("product_id", "Product", "product.product"),
                        Field.chars("ref", "Ref."),
                        Field.many2one("task_id", "Task", "project.task").missingTargetRaisesMissingError(),
                        Field.many2one("project_id", "Project", "project.project").missingTargetRaisesMissingError(),
                        Field.many2one("employee_id", "Employee", "hr.employee").defaultValue(
                                (orm, env) -> Lookups.employeeOf(orm, env.uid()).orElse(null)),
                        Field.many2one("partner_id", "Partner", "res.partner"),
                        Field.many2one("user_id", "User", "res.users").defaultValue((orm, env) -> env.uid()))
                .behaviour(new TimesheetBehaviour()).build();
    }

    /**
     * hr_timesheet: a line with a project (or a task) is a timesheet. It books on the project's analytic account, in
     * hours, and costs the employee's hourly cost.
     */
    private static final class TimesheetBehaviour implements ModelBehaviour {

        private static final int HOURS = 4;

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            boolean creating = row.get("id") == null;
            Map<String, Object> company = Lookups.target(orm, "res.company", row.get("company_id"));
            row.put("currency_id", company == null ? null : company.get("currency_id"));
            Map<String, Object> task = Lookups.target(orm, "project.task", row.get("task_id"));
            if (task != null && row.get("project_id") == null) {
                row.put("project_id", task.get("project_id"));
            }
            Map<String, Object> project = Lookups.target(orm, "project.project", row.get("project_id"));
            if (project == null) {
                return;
            }
            if (row.get("account_id") == null) {
                row.put("account_id", project.get("analytic_account_id"));
            }
            if (creating && !given.contains("product_uom_id")) {
                row.put("product_uom_id", HOURS);
            }
            boolean costChanged = creating || given.contains("unit_amount") || given.contains("employee_id");
            if (costChanged && !given.contains("amount")) {
                Map<String, Object> employee = Lookups.target(orm, "hr.employee", row.get("employee_id"));
                double hourlyCost = employee == null ? 0.0 : (Double) employee.get("hourly_cost");
                double cost = -((Double) row.get("unit_amount")) * hourlyCost;
                double rounded = BigDecimal.valueOf(cost).setScale(2, RoundingMode.HALF_UP).doubleValue();
                row.put("amount", rounded == 0.0 ? 0.0 : rounded);
            }
        }
    }
}
