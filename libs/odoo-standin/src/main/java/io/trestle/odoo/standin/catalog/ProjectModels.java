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

/**
 * Projects and tasks of Odoo 17 Community with timesheets (hr_timesheet). Community has no planning dates on tasks:
 * {@code planned_date_begin} belongs to Enterprise, and the recorded {@code fields_get} did not list it.
 */
final class ProjectModels {

    private ProjectModels() {
    }

    static List<Model> all() {
        return List.of(project(), task(), taskStage());
    }

    private static Model project() {
        return Model.define("project.project", "Project").order("sequence, name, id")
                .fields(Field.chars("name", "Name").required().translate(),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.integer("sequence", "Sequence").defaultValue(10),
                        Field.many2one("partner_id", "Customer", "res.partner"),
                        Field.many2one("company_id", "Company", "res.company"),
                        Field.many2one("analytic_account_id", "Analytic Account", "account.analytic.account"),
                        Field.bool("allow_timesheets", "Timesheets").defaultValue(true),
                        Field.many2one("user_id", "Project Manager", "res.users")
                                .defaultValue((orm, env) -> env.uid()),
                        Field.date("date_start", "Start Date"), Field.date("date", "Expiration Date"),
                        Field.html("description", "Description"),
                        Field.selection("privacy_visibility", "Visibility", "followers",
                                "Invited internal users (private)", "employees", "All internal users", "portal",
                                "Invited portal users and all internal users (public)").required()
                                .defaultValue("portal"),
                        Field.chars("label_tasks", "Use Tasks as").translate().defaultValue("Tasks"),
                        Field.one2many("task_ids", "Tasks", "project.task", "project_id"),
                        Field.integer("task_count", "Task Count").computed((orm, env, row) -> (int) orm
                                .table("project.task").rows().stream()
                                .filter(task -> row.get("id").equals(task.get("project_id"))
                                        && Boolean.TRUE.equals(task.get("active")))
                                .count()),
                        Field.floating("allocated_hours", "Allocated Time"), Field.integer("color", "Color Index"))
                .behaviour(new ProjectBehaviour()).build();
    }

    /**
     * hr_timesheet creates the project's analytic account before the project itself (before {@code super()}), so a user
     * without the right to create analytic accounts fails on those, as the recording shows.
     */
    private static final class ProjectBehaviour implements ModelBehaviour {

        @Override
        public void beforeCreate(Orm orm, Env env, Map<String, Object> vals) {
            boolean timesheets = !vals.containsKey("allow_timesheets") || Values.truthy(vals.get("allow_timesheets"));
            if (!timesheets || Values.truthy(vals.get("analytic_account_id"))) {
                return;
            }
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("name", vals.containsKey("name") ? vals.get("name") : "Unknown Analytic Account");
            account.put("company_id",
                    Values.truthy(vals.get("company_id")) ? vals.get("company_id") : Lookups.MAIN_COMPANY);
            account.put("partner_id", vals.getOrDefault("partner_id", false));
            vals.put("analytic_account_id", orm.create(env, "account.analytic.account", List.of(account)).get(0));
        }
    }

    private static Model task() {
        return Model.define("project.task", "Task").order("priority desc, sequence, date_deadline asc, id desc")
                .fields(Field.chars("name", "Title").required(), Field.html("description", "Description"),
                        Field.selection("priority", "Priority", "0", "Low", "1", "High").defaultValue("0"),
                        Field.integer("sequence", "Sequence").defaultValue(10),
                        Field.many2one("stage_id", "Stage", "project.task.type"),
                        Field.selection("state", "State", "01_in_progress", "In Progress", "02_changes_requested",
                                "Changes Requested", "03_approved", "Approved", "1_done", "Done", "1_canceled",
                                "Canceled", "04_waiting_normal", "Waiting").required().defaultValue("01_in_progress"),
                        Field.bool("active", "Active").defaultValue(true),
                        Field.datetime("write_date", "Last Updated On").readonly(),
                        Field.datetime("date_end", "Ending Date"),
                        Field.datetime("date_assign", "Assigning Date").readonly(),
                        Field.datetime("date_deadline", "Deadline"),
                        Field.many2one("project_id", "Project", "project.project").missingTargetRaisesMissingError()
                                .onDelete(Field.OnDelete.CASCADE),
                        Field.many2one("partner_id", "Customer", "res.partner"),
                        Field.many2one("company_id", "Company", "res.company"),
                        Field.floating("allocated_hours", "Allocated Time"),
                        Field.many2many("user_ids", "Assignees", "res.users"),
                        Field.many2one("parent_id", "Parent Task", "project.task"),
                        Field.one2many("child_ids", "Sub-tasks", "project.task", "parent_id"),
                        Field.one2many("timesheet_ids", "Timesheets", "account.analytic.line", "task_id"),
                        Field.floating("effective_hours", "Hours Spent").computed((orm, env, row) -> orm
                                .table("account.analytic.line").rows().stream()
                                .filter(line -> row.get("id").equals(line.get("task_id")))
                                .mapToDouble(line -> (Double) line.get("unit_amount")).sum()))
                .behaviour(new TaskBehaviour()).build();
    }

    /** A new task takes its project's company and first stage; assigning users stamps the assignment date. */
    private static final class TaskBehaviour implements ModelBehaviour {

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            boolean creating = row.get("id") == null;
            Map<String, Object> project = Lookups.target(orm, "project.project", row.get("project_id"));
            if (creating && project != null && !given.contains("company_id")) {
                row.put("company_id", project.get("company_id"));
            }
            if (creating && project != null && !given.contains("stage_id")) {
                Object projectId = project.get("id");
                Lookups.first(orm, env, "project.task.type",
                        stage -> ((List<?>) stage.get("project_ids")).contains(projectId))
                        .ifPresent(stage -> row.put("stage_id", stage));
            }
            if (given.contains("user_ids") && !((List<?>) row.get("user_ids")).isEmpty()
                    && row.get("date_assign") == null) {
                row.put("date_assign", env.nowText());
            }
        }
    }

    private static Model taskStage() {
        return Model.define("project.task.type", "Task Stage").order("sequence, id")
                .fields(Field.chars("name", "Name").required().translate(),
                        Field.integer("sequence", "Sequence").defaultValue(1), Field.bool("fold", "Folded in Kanban"),
                        Field.many2many("project_ids", "Projects", "project.project"),
                        Field.bool("active", "Active").defaultValue(true))
                .build();
    }
}
