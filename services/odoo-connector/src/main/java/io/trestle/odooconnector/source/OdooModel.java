package io.trestle.odooconnector.source;

import java.util.List;

/**
 * The Odoo models the connector publishes, with the table change-data-capture reads and the fields both sources read.
 * Both sources hand the mapping the same fields under the same names, so consumers cannot tell the modes apart.
 */
public enum OdooModel {

    PROJECT("project.project", "project_project",
            List.of("name", "active", "company_id", "analytic_account_id", "date_start", "date", "write_date")),
    TASK("project.task", "project_task",
            List.of("name", "active", "project_id", "company_id", "parent_id", "stage_id", "state",
                    "analytic_account_id", "date_deadline", "allocated_hours", "write_date")),
    COST_CODE("account.analytic.account", "account_analytic_account",
            List.of("name", "active", "code", "company_id", "plan_id", "write_date")),
    EQUIPMENT("maintenance.equipment", "maintenance_equipment",
            List.of("name", "active", "serial_no", "model", "category_id", "company_id", "write_date"));

    /** The many2many field of tasks holding their assignees, stored in {@link #ASSIGNEE_TABLE}, not a column. */
    public static final String ASSIGNEES = "user_ids";
    /** Odoo 17's relation table of task assignees: {@code (task_id, user_id)}. */
    public static final String ASSIGNEE_TABLE = "project_task_user_rel";

    private final String model;
    private final String table;
    private final List<String> fields;

    OdooModel(String model, String table, List<String> fields) {
        this.model = model;
        this.table = table;
        this.fields = fields;
    }

    /** Odoo's model name, e.g. {@code project.project}. */
    public String model() {
        return model;
    }

    /** The PostgreSQL table in Odoo's database ({@code public} schema). */
    public String table() {
        return table;
    }

    /**
     * The columns every source reads. The equipment's hourly rate field is configurable and read in addition when
     * configured; the tasks' assignees ({@link #ASSIGNEES}) live in a relation table and are read in addition too.
     */
    public List<String> fields() {
        return fields;
    }
}
