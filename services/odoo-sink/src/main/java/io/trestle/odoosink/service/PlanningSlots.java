package io.trestle.odoosink.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooValues;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.CrewAssignmentWriter.Candidate;
import io.trestle.schema.operations.ErrorClass;
import io.trestle.schema.schedule.CrewAssignmentChanged;

/**
 * Crew assignments as Enterprise planning shifts ({@code planning.slot}), one per assignment.
 *
 * <p>
 * A slot is loaded under an external id derived from the assignment id, so a redelivered or moved assignment updates
 * its slot, and a release unlinks it. Planning gives a shift to a person through their resource, and derives the
 * employee from it, so the slot's resource is that of the employee whose user the crew is. The slot covers the
 * assignment's period; without an end, it ends at the task's deadline. Odoo 17 tasks hold no start date, so an
 * assignment without a start is refused rather than given a guessed one. The slot stays a draft: publishing it tells
 * the crew, and that is the planner's call in Odoo.
 *
 * <p>
 * Per batch: when it assigns, the tasks (one {@code search_read}) and the employees of the crews' users (one
 * {@code search_read}); when it releases, the slots' external ids (one {@code search_read}); then per wave of
 * {@link OrderedLoads} one {@code load} per column set and one {@code unlink}.
 */
final class PlanningSlots {

    static final String MODEL = "planning.slot";

    private final OdooClient odoo;
    private final SinkConfig.Schedule schedule;

    PlanningSlots(OdooClient odoo, SinkConfig.Schedule schedule) {
        this.odoo = odoo;
        this.schedule = schedule;
    }

    List<SinkResult> write(List<Candidate> candidates) {
        List<SinkResult> results = new ArrayList<>();
        List<Candidate> assigning = candidates.stream().filter(c -> c.assignment().assigned()).toList();
        List<Candidate> releasing = candidates.stream().filter(c -> !c.assignment().assigned()).toList();
        Map<Long, Map<String, Object>> tasks = tasks(assigning);
        Map<Long, Long> resources = resources(assigning);
        Map<String, Long> slots = slots(releasing);
        List<Step> steps = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String externalId = CrewAssignments.externalId(schedule,
                    candidate.pending().assignment().getAssignmentId());
            if (!candidate.assignment().assigned()) {
                steps.add(new Step(candidate, externalId, null));
                continue;
            }
            Map<String, Object> task = tasks.get(candidate.assignment().taskId());
            Long resource = resources.get(candidate.assignment().userId());
            CrewAssignmentChanged event = candidate.pending().assignment();
            Instant start = event.getPlannedStart();
            Instant end = event.getPlannedEnd();
            if (end == null && task != null) {
                end = OdooValues.parseDatetime(task.get("date_deadline")).orElse(null);
            }
            SinkResult.Rejected refusal = refusal(candidate, task, resource, start, end);
            if (refusal != null) {
                results.add(refusal);
            } else {
                steps.add(new Step(candidate, externalId, columns(externalId, event, task, resource, start, end)));
            }
        }
        for (List<Step> wave : OrderedLoads.waves(steps, Step::externalId)) {
            results.addAll(write(wave, slots));
        }
        return results;
    }

    /**
     * Loads the wave's slots and unlinks the slots it releases.
     *
     * @param slots
     *            slot ids by external id, kept up to date for the waves that follow
     */
    private List<SinkResult> write(List<Step> wave, Map<String, Long> slots) {
        List<SinkResult> results = new ArrayList<>();
        for (BatchLoader.Loaded<Step> fate : OrderedLoads.load(odoo, MODEL,
                wave.stream().filter(step -> step.columns() != null).toList(), Step::columns)) {
            Step step = fate.candidate();
            if (fate instanceof BatchLoader.Written<Step> written) {
                slots.put(step.externalId(), written.odooId());
                results.add(new SinkResult.Posted(step.candidate().pending(), MODEL, written.odooId(),
                        step.externalId()));
            } else if (fate instanceof BatchLoader.Refused<Step> refusedByOdoo) {
                results.add(new SinkResult.Rejected(step.candidate().pending(), MODEL, "ODOO_REJECTED",
                        ErrorClass.BUSINESS, refusedByOdoo.errorName(), refusedByOdoo.message()));
            }
        }
        List<Long> removed = new ArrayList<>();
        for (Step step : wave.stream().filter(step -> step.columns() == null).toList()) {
            Long slot = slots.remove(step.externalId());
            if (slot == null) {
                results.add(new SinkResult.Skipped(step.candidate().pending(), MODEL,
                        "no slot " + step.externalId() + " to remove: never created, or removed already"));
            } else {
                removed.add(slot);
                results.add(new SinkResult.Posted(step.candidate().pending(), MODEL, slot, step.externalId()));
            }
        }
        if (!removed.isEmpty()) {
            odoo.unlink(MODEL, removed);
        }
        return results;
    }

    /** Why the assignment cannot have a slot, or null when it can. */
    private static SinkResult.Rejected refusal(Candidate candidate, Map<String, Object> task, Long resource,
            Instant start, Instant end) {
        String assignment = candidate.pending().assignment().getAssignmentId();
        Double hours = candidate.pending().assignment().getPlannedHours();
        if (task == null) {
            return rejected(candidate, "UNKNOWN_CANONICAL_ID",
                    "task " + candidate.assignment().taskId() + " does not exist in Odoo");
        }
        if (resource == null) {
            return rejected(candidate, "UNKNOWN_CANONICAL_ID", "crew user " + candidate.assignment().userId()
                    + " has no employee in Odoo, and a planning slot belongs to an employee's resource");
        }
        if (start == null) {
            return rejected(candidate, "SCHEMA_VIOLATION", "assignment " + assignment
                    + " gives no planned start, and an Odoo 17 task has no start date to take it from");
        }
        if (end == null) {
            return rejected(candidate, "SCHEMA_VIOLATION",
                    "assignment " + assignment + " gives no planned end, and task "
                            + candidate.assignment().taskId() + " has no deadline");
        }
        if (!end.isAfter(start)) {
            return rejected(candidate, "INCONSISTENT_DATES",
                    "assignment " + assignment + " ends at " + end + ", not after it starts at " + start);
        }
        if (hours != null && hours < 0) {
            return rejected(candidate, "NEGATIVE_VALUE",
                    "planned hours " + hours + " of assignment " + assignment + " are negative");
        }
        return null;
    }

    /** The slot's load row. */
    private static Map<String, String> columns(String externalId, CrewAssignmentChanged event,
            Map<String, Object> task, long resource, Instant start, Instant end) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", externalId);
        columns.put("resource_id/.id", Long.toString(resource));
        columns.put("start_datetime", OdooValues.datetime(start));
        columns.put("end_datetime", OdooValues.datetime(end));
        columns.put("project_id/.id", OdooValues.many2oneId(task.get("project_id")).map(String::valueOf).orElse(""));
        // The crew as the planner names it: the slot's resource is only the person standing for the crew.
        columns.put("name", event.getCrewName() == null ? "" : event.getCrewName());
        if (event.getPlannedHours() != null) {
            // Without hours the column is left out, and Odoo allocates the working time of the period.
            columns.put("allocated_hours", BigDecimal.valueOf(event.getPlannedHours()).toPlainString());
        }
        return columns;
    }

    /** The tasks the assignments name that exist, archived ones included, by id. */
    private Map<Long, Map<String, Object>> tasks(List<Candidate> assigning) {
        Map<Long, Map<String, Object>> tasks = new HashMap<>();
        if (assigning.isEmpty()) {
            return tasks;
        }
        List<Long> ids = assigning.stream().map(c -> c.assignment().taskId()).distinct().toList();
        for (Map<String, Object> task : odoo.searchRead(TaskSchedules.MODEL,
                List.of(List.of("id", "in", ids), CrewAssignmentWriter.ACTIVE_OR_ARCHIVED),
                List.of("project_id", "date_deadline"), SearchOptions.none())) {
            tasks.put(((Number) task.get("id")).longValue(), task);
        }
        return tasks;
    }

    /** The resource of each crew user's active employee. */
    private Map<Long, Long> resources(List<Candidate> assigning) {
        Map<Long, Long> resources = new HashMap<>();
        if (assigning.isEmpty()) {
            return resources;
        }
        List<Long> users = assigning.stream().map(c -> c.assignment().userId()).distinct().toList();
        for (Map<String, Object> employee : odoo.searchRead("hr.employee", List.of(List.of("user_id", "in", users)),
                List.of("user_id", "resource_id"), SearchOptions.none())) {
            // A user has one employee per company; the sink writes for one company, so the first one is it.
            resources.putIfAbsent(OdooValues.many2oneId(employee.get("user_id")).orElseThrow(),
                    OdooValues.many2oneId(employee.get("resource_id")).orElseThrow());
        }
        return resources;
    }

    /** The slots the releases name that exist, by external id. */
    private Map<String, Long> slots(List<Candidate> releasing) {
        Map<String, Long> slots = new HashMap<>();
        if (releasing.isEmpty()) {
            return slots;
        }
        String module = schedule.externalIdModule();
        List<String> names = releasing.stream()
                .map(c -> CrewAssignments.externalId(schedule, c.pending().assignment().getAssignmentId())
                        .substring(module.length() + 1))
                .distinct().toList();
        for (Map<String, Object> data : odoo.searchRead("ir.model.data",
                List.of(List.of("module", "=", module), List.of("model", "=", MODEL), List.of("name", "in", names)),
                List.of("name", "res_id"), SearchOptions.none())) {
            slots.put(module + "." + data.get("name"), ((Number) data.get("res_id")).longValue());
        }
        return slots;
    }

    private static SinkResult.Rejected rejected(Candidate candidate, String reasonCode, String message) {
        return new SinkResult.Rejected(candidate.pending(), MODEL, reasonCode, ErrorClass.BUSINESS, null, message);
    }

    /**
     * @param columns
     *            the slot's load row, or null for a release
     */
    private record Step(Candidate candidate, String externalId, Map<String, String> columns) {
    }
}
