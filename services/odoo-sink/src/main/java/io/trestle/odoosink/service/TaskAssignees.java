package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.CrewAssignmentWriter.Candidate;
import io.trestle.schema.operations.ErrorClass;

/**
 * Crew assignments as the assignees ({@code user_ids}) of their tasks, which is where Odoo Community keeps who works on
 * a task.
 *
 * <p>
 * Per batch: which of the crews' users exist (one {@code search}), what the tasks are assigned now (one
 * {@code search_read}), then the resulting assignees of every task that changes, all in one {@code load} by database id
 * whose many2many cell replaces a task's assignees. The batch's assignments are applied in order to what the task
 * holds, so an assign, release, assign ends assigned, and a redelivered batch finds the assignees it would write and
 * writes nothing. Many2many commands in a {@code write} (link, unlink) would need no read, but a {@code write} carries
 * one set of values for all its records, so each task would cost a call of its own; the price of the one {@code load}
 * is that an assignee a person changes on the same task between the read and the load is overwritten.
 */
final class TaskAssignees {

    private final OdooClient odoo;
    private final BatchLoader<TaskRow> loader;

    TaskAssignees(OdooClient odoo) {
        this.odoo = odoo;
        this.loader = new BatchLoader<>(odoo, TaskSchedules.MODEL, List.of(".id", "user_ids/.id"),
                row -> List.of(Long.toString(row.taskId()),
                        row.userIds().stream().map(String::valueOf).collect(Collectors.joining(","))));
    }

    List<SinkResult> write(List<Candidate> candidates) {
        List<SinkResult> results = new ArrayList<>();
        if (candidates.isEmpty()) {
            return results;
        }
        Set<Long> users = new HashSet<>(odoo.search("res.users",
                List.of(List.of("id", "in", candidates.stream().map(c -> c.assignment().userId()).distinct().toList()),
                        CrewAssignmentWriter.ACTIVE_OR_ARCHIVED),
                SearchOptions.none()));
        Map<Long, List<Candidate>> byTask = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            long user = candidate.assignment().userId();
            if (users.contains(user)) {
                byTask.computeIfAbsent(candidate.assignment().taskId(), task -> new ArrayList<>()).add(candidate);
            } else {
                results.add(rejected(candidate, "UNKNOWN_CANONICAL_ID", "crew id " + user + " names no Odoo user"));
            }
        }
        Map<Long, Set<Long>> assignees = assignees(byTask.keySet());
        List<TaskRow> rows = new ArrayList<>();
        byTask.forEach((task, assignments) -> {
            Set<Long> current = assignees.get(task);
            if (current == null) {
                assignments.forEach(candidate -> results.add(
                        rejected(candidate, "UNKNOWN_CANONICAL_ID", "task " + task + " does not exist in Odoo")));
                return;
            }
            Set<Long> wanted = new LinkedHashSet<>(current);
            for (Candidate candidate : assignments) {
                if (candidate.assignment().assigned()) {
                    wanted.add(candidate.assignment().userId());
                } else {
                    wanted.remove(candidate.assignment().userId());
                }
            }
            if (wanted.equals(current)) {
                assignments.forEach(candidate -> results.add(new SinkResult.AlreadyPosted(candidate.pending(),
                        TaskSchedules.MODEL, task, "task " + task + " already has the assignees " + wanted
                                + " its assignments in the batch end with")));
            } else {
                rows.add(new TaskRow(task, wanted, assignments));
            }
        });
        for (BatchLoader.Loaded<TaskRow> fate : loader.load(rows)) {
            TaskRow row = fate.candidate();
            for (Candidate candidate : row.assignments()) {
                if (fate instanceof BatchLoader.Written<TaskRow>) {
                    results.add(new SinkResult.Posted(candidate.pending(), TaskSchedules.MODEL, row.taskId(), null));
                } else if (fate instanceof BatchLoader.Refused<TaskRow> refusedByOdoo) {
                    results.add(new SinkResult.Rejected(candidate.pending(), TaskSchedules.MODEL, "ODOO_REJECTED",
                            ErrorClass.BUSINESS, refusedByOdoo.errorName(), refusedByOdoo.message()));
                }
            }
        }
        return results;
    }

    /** The current assignees of those of the tasks that exist, archived ones included. */
    private Map<Long, Set<Long>> assignees(Set<Long> tasks) {
        Map<Long, Set<Long>> assignees = new HashMap<>();
        if (tasks.isEmpty()) {
            return assignees;
        }
        for (Map<String, Object> task : odoo.searchRead(TaskSchedules.MODEL,
                List.of(List.of("id", "in", List.copyOf(tasks)), CrewAssignmentWriter.ACTIVE_OR_ARCHIVED),
                List.of("user_ids"), SearchOptions.none())) {
            Set<Long> users = new LinkedHashSet<>();
            ((List<?>) task.get("user_ids")).forEach(user -> users.add(((Number) user).longValue()));
            assignees.put(((Number) task.get("id")).longValue(), users);
        }
        return assignees;
    }

    private static SinkResult.Rejected rejected(Candidate candidate, String reasonCode, String message) {
        return new SinkResult.Rejected(candidate.pending(), TaskSchedules.MODEL, reasonCode, ErrorClass.BUSINESS, null,
                message);
    }

    /** A task's assignees after the batch, and the assignments that led there. */
    private record TaskRow(long taskId, Set<Long> userIds, List<Candidate> assignments) {
    }
}
