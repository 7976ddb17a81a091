package io.trestle.odoo.standin.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.ModelBehaviour;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/** Maintenance (with hr_maintenance): equipment, teams, stages and requests. */
final class MaintenanceModels {

    private MaintenanceModels() {
    }

    static List<Model> all() {
        return List.of(category(), team(), stage(), equipment(), request());
    }

    private static Model category() {
        return Model.define("maintenance.equipment.category", "Maintenance Equipment Category").order("name")
                .fields(Field.chars("name", "Category Name").required().translate(),
                        Field.many2one("technician_user_id", "Responsible", "res.users"),
                        Field.many2one("company_id", "Company", "res.company"))
                .build();
    }

    private static Model team() {
        return Model.define("maintenance.team", "Maintenance Teams").order("id")
                .fields(Field.chars("name", "Team Name").required().translate(),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.many2one("company_id", "Company", "res.company").defaultValue(Lookups.MAIN_COMPANY),
                        Field.many2many("member_ids", "Team Members", "res.users"),
                        Field.integer("color", "Color Index"))
                .build();
    }

    private static Model stage() {
        return Model.define("maintenance.stage", "Maintenance Stage").order("sequence, id")
                .fields(Field.chars("name", "Name").required().translate(),
                        Field.integer("sequence", "Sequence").defaultValue(20),
                        Field.bool("fold", "Folded in Maintenance Pipe"), Field.bool("done", "Request Done"))
                .build();
    }

    private static Model equipment() {
        return Model.define("maintenance.equipment", "Maintenance Equipment").order("id")
                .fields(Field.date("effective_date", "Effective Date").required()
                        .defaultValue((orm, env) -> env.todayText()),
                        Field.many2one("maintenance_team_id", "Maintenance Team", "maintenance.team"),
                        Field.many2one("technician_user_id", "Technician", "res.users"),
                        Field.chars("name", "Equipment Name").required().translate(),
                        Field.many2one("category_id", "Equipment Category", "maintenance.equipment.category"),
                        Field.chars("partner_ref", "Vendor Reference"), Field.chars("location", "Location"),
                        Field.chars("model", "Model"), Field.chars("serial_no", "Serial Number"),
                        Field.floating("cost", "Cost"), Field.html("note", "Note"),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.many2one("company_id", "Company", "res.company").defaultValue(Lookups.MAIN_COMPANY),
                        Field.many2one("owner_user_id", "Owner", "res.users"),
                        Field.many2one("employee_id", "Assigned Employee", "hr.employee"),
                        Field.selection("equipment_assign_to", "Used By", "department", "Department", "employee",
                                "Employee", "other", "Other").required().defaultValue("employee"),
                        Field.many2one("partner_id", "Vendor", "res.partner"),
                        Field.date("assign_date", "Assigned Date"),
                        Field.date("warranty_date", "Warranty Expiration Date"),
                        Field.date("scrap_date", "Scrap Date"), Field.integer("color", "Color Index"),
                        Field.one2many("maintenance_ids", "Maintenance Requests", "maintenance.request",
                                "equipment_id"))
                .nameSearch("name", "serial_no")
                .displayName((orm, env, row) -> row.get("serial_no") == null
                        ? Lookups.name(env, row)
                        : Lookups.name(env, row) + "/" + row.get("serial_no"))
                .unique("maintenance_equipment_serial_no", List.of("serial_no"),
                        "Another asset already exists with this serial number!")
                .build();
    }

    private static Model request() {
        return Model.define("maintenance.request", "Maintenance Request").order("id desc")
                .fields(Field.chars("name", "Subjects").required(),
                        Field.many2one("company_id", "Company", "res.company").required()
                                .defaultValue(Lookups.MAIN_COMPANY),
                        Field.html("description", "Description"),
                        Field.date("request_date", "Request Date").defaultValue((orm, env) -> env.todayText()),
                        Field.many2one("owner_user_id", "Created by User", "res.users"),
                        Field.many2one("category_id", "Category", "maintenance.equipment.category").readonly(),
                        Field.many2one("equipment_id", "Equipment", "maintenance.equipment")
                                .missingTargetRaisesMissingError().onDelete(Field.OnDelete.RESTRICT),
                        Field.many2one("user_id", "Technician", "res.users"),
                        Field.many2one("stage_id", "Stage", "maintenance.stage").onDelete(Field.OnDelete.RESTRICT)
                                .defaultValue((orm, env) -> Lookups.first(orm, env, "maintenance.stage", r -> true)
                                        .orElse(null)),
                        Field.selection("priority", "Priority", "0", "Very Low", "1", "Low", "2", "Normal", "3",
                                "High"),
                        Field.integer("color", "Color Index"), Field.date("close_date", "Close Date"),
                        Field.selection("kanban_state", "Kanban State", "normal", "In Progress", "blocked", "Blocked",
                                "done", "Ready for next stage").required().defaultValue("normal"),
                        Field.bool("archive", "Archive"),
                        Field.selection("maintenance_type", "Maintenance Type", "corrective", "Corrective",
                                "preventive", "Preventive").defaultValue("corrective"),
                        Field.datetime("schedule_date", "Scheduled Date"),
                        Field.many2one("maintenance_team_id", "Team", "maintenance.team").required()
                                .defaultValue((orm, env) -> Lookups.first(orm, env, "maintenance.team",
                                        team -> Boolean.TRUE.equals(team.get("active"))).orElse(null)),
                        Field.floating("duration", "Duration"),
                        Field.many2one("employee_id", "Employee", "hr.employee")
                                .defaultValue((orm, env) -> Lookups.employeeOf(orm, env.uid()).orElse(null)),
                        Field.bool("done", "Done").computed((orm, env, row) -> {
                            Map<String, Object> stage = Lookups.target(orm, "maintenance.stage", row.get("stage_id"));
                            return stage != null && Boolean.TRUE.equals(stage.get("done"));
                        }))
                .behaviour(new RequestBehaviour()).build();
    }

    /**
     * The equipment brings its team, technician and category; the owner is the employee's user (hr_maintenance);
     * reaching a done stage closes the request; changing stage resets the kanban state.
     */
    private static final class RequestBehaviour implements ModelBehaviour {

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            boolean creating = row.get("id") == null;
            Map<String, Object> equipment = Lookups.target(orm, "maintenance.equipment", row.get("equipment_id"));
            if (equipment != null && (creating || given.contains("equipment_id"))) {
                if (!given.contains("maintenance_team_id") && equipment.get("maintenance_team_id") != null) {
                    row.put("maintenance_team_id", equipment.get("maintenance_team_id"));
                }
                if (!given.contains("user_id")) {
                    Object technician = equipment.get("technician_user_id");
                    Map<String, Object> category = Lookups.target(orm, "maintenance.equipment.category",
                            equipment.get("category_id"));
                    row.put("user_id", technician != null || category == null
                            ? technician
                            : category.get("technician_user_id"));
                }
                row.put("category_id", equipment.get("category_id"));
            }
            if (!given.contains("owner_user_id") && (creating || given.contains("employee_id"))) {
                Map<String, Object> employee = Lookups.target(orm, "hr.employee", row.get("employee_id"));
                row.put("owner_user_id", employee == null ? null : employee.get("user_id"));
            }
            if (given.contains("stage_id") && !creating && !given.contains("kanban_state")) {
                row.put("kanban_state", "normal");
            }
            Map<String, Object> stage = Lookups.target(orm, "maintenance.stage", row.get("stage_id"));
            if ((creating || given.contains("stage_id")) && !given.contains("close_date") && stage != null
                    && Boolean.TRUE.equals(stage.get("done"))) {
                row.put("close_date", env.todayText());
            }
        }
    }
}
