package io.trestle.odoo.standin.catalog;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
 * Odoo 17 Enterprise's planning: shifts ({@code planning.slot}) of a resource over a period, with the project link its
 * project bridge adds. Not in the recording (which is Community); field names, constraints and their messages follow
 * Odoo's planning module as best known.
 */
final class PlanningModels {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PlanningModels() {
    }

    static List<Model> all() {
        return List.of(slot());
    }

    private static Model slot() {
        return Model.define("planning.slot", "Planning Shift").order("start_datetime desc, id desc")
                .fields(Field.text("name", "Note"),
                        Field.many2one("resource_id", "Resource", "resource.resource"),
                        Field.many2one("employee_id", "Employee", "hr.employee").readonly(),
                        Field.many2one("user_id", "User", "res.users").readonly(),
                        Field.many2one("company_id", "Company", "res.company").required()
                                .defaultValue(Lookups.MAIN_COMPANY),
                        Field.many2one("project_id", "Project", "project.project"),
                        Field.datetime("start_datetime", "Start Date").required(),
                        Field.datetime("end_datetime", "End Date").required(),
                        Field.floating("allocated_hours", "Allocated Time"),
                        Field.selection("state", "Status", "draft", "Draft", "published", "Published")
                                .defaultValue("draft"))
                .check(new CheckConstraint("planning_slot_check_start_date_lower_end_date",
                        row -> !(row.get("start_datetime") instanceof String start
                                && row.get("end_datetime") instanceof String end) || end.compareTo(start) > 0,
                        "The end date of a shift should be after its start date."))
                .check(new CheckConstraint("planning_slot_check_allocated_hours_positive",
                        row -> !(row.get("allocated_hours") instanceof Double hours) || hours >= 0,
                        "Allocated hours and allocated time percentage cannot be negative."))
                .behaviour(new SlotBehaviour()).build();
    }

    /**
     * The employee and user follow the resource, as planning computes them. Allocated hours not given follow the
     * period; the stand-in has no working calendars, so the whole period counts where Odoo counts working time.
     */
    private static final class SlotBehaviour implements ModelBehaviour {

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            boolean creating = row.get("id") == null;
            if (creating || given.contains("resource_id")) {
                Map<String, Object> resource = Lookups.target(orm, "resource.resource", row.get("resource_id"));
                row.put("user_id", resource == null ? null : resource.get("user_id"));
                row.put("employee_id", resource == null || !"user".equals(resource.get("resource_type"))
                        ? null
                        : employeeOf(orm, resource.get("id")));
            }
            boolean periodChanged = creating || given.contains("start_datetime") || given.contains("end_datetime");
            if (periodChanged && !given.contains("allocated_hours")
                    && row.get("start_datetime") instanceof String start
                    && row.get("end_datetime") instanceof String end) {
                Duration period = Duration.between(LocalDateTime.parse(start, DATETIME),
                        LocalDateTime.parse(end, DATETIME));
                row.put("allocated_hours", Math.max(0, period.toSeconds()) / 3600.0);
            }
        }

        private static Object employeeOf(Orm orm, Object resourceId) {
            return orm.table("hr.employee").rows().stream()
                    .filter(employee -> resourceId.equals(employee.get("resource_id")))
                    .map(employee -> employee.get("id"))
                    .findFirst().orElse(null);
        }
    }
}
