package io.trestle.schedule.webhook;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.trestle.rest.Violation;
import io.trestle.schedule.model.Assignment;
import io.trestle.schedule.model.ScheduleFormat;
import io.trestle.schedule.model.ScheduleResource;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;
import io.trestle.schedule.model.TaskStatus;
import io.trestle.schedule.model.WbsNode;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.service.ImportedSchedule;

/**
 * Reads the webhook's JSON into the snapshot a schedule file of the same content would give, after checking all of it:
 * an invalid body is refused whole, naming every item and field, so that a schedule is never published in part.
 */
public final class PlannerSchedules {

    private static final int SCALE = 2;

    private final ZoneId plannerZone;

    /**
     * @param plannerZone
     *            where dates with an offset are converted to, as schedule files' local dates are read in it
     */
    public PlannerSchedules(ZoneId plannerZone) {
        this.plannerZone = plannerZone;
    }

    /** What events and the crosswalk call a webhook client's planner: {@code planner:<client>}. */
    public static String sourceSystem(String client) {
        return ScheduleFormat.PLANNER_JSON.sourceSystem() + ":" + client;
    }

    /**
     * @throws InvalidPlannerScheduleException
     *             naming every violation, when the body is not JSON of the documented shape or not a consistent
     *             schedule
     */
    public ImportedSchedule read(byte[] body, String client) {
        PlannerSchedule schedule = parse(body);
        Check check = new Check();
        check.schedule(schedule);
        if (!check.violations.isEmpty()) {
            throw new InvalidPlannerScheduleException(check.violations);
        }
        ScheduleSnapshot snapshot = new ScheduleSnapshot(ScheduleFormat.PLANNER_JSON, sourceSystem(client),
                schedule.projectKey(), schedule.projectName() != null ? schedule.projectName() : schedule.projectKey(),
                revision(schedule, body), check.dataDate, wbs(list(schedule.wbs())),
                list(schedule.tasks()).stream().map(task -> task(task, check)).toList(),
                assignments(list(schedule.crewAssignments()), check),
                assignments(list(schedule.equipmentReservations()), check), List.of());
        return new ImportedSchedule(snapshot, Boolean.TRUE.equals(schedule.approved())
                ? Optional.of("approved by the planner (webhook 'approved': true)")
                : Optional.empty());
    }

    private static PlannerSchedule parse(byte[] body) {
        try {
            PlannerSchedule schedule = SnapshotJson.JSON.readValue(body, PlannerSchedule.class);
            if (schedule == null) {
                throw new InvalidPlannerScheduleException(
                        List.of(Violation.ofRequest("", "a JSON object with the project's schedule is required")));
            }
            return schedule;
        } catch (JsonProcessingException e) {
            throw new InvalidPlannerScheduleException(List.of(Violation.ofRequest(path(e), problem(e))));
        } catch (IOException e) {
            throw new InvalidPlannerScheduleException(List.of(Violation.ofRequest("", "unreadable body")));
        }
    }

    private static String path(JsonProcessingException exception) {
        if (!(exception instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName())
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** In terms of JSON values, never of the Java types behind them. */
    private static String problem(JsonProcessingException exception) {
        if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + jsonType(mismatched.getTargetType());
        }
        return "not valid JSON: " + exception.getOriginalMessage();
    }

    private static String jsonType(Class<?> type) {
        if (type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return List.class.isAssignableFrom(type) ? "an array" : "an object";
    }

    /** The planner's revision, else one that changes with the content, so the same body is the same version. */
    private static String revision(PlannerSchedule schedule, byte[] body) {
        if (schedule.revision() != null && !schedule.revision().isBlank()) {
            return schedule.revision();
        }
        return schedule.projectKey() + "#" + SnapshotJson.sha256(body).substring(0, 12);
    }

    private static List<WbsNode> wbs(List<PlannerSchedule.Wbs> nodes) {
        Map<String, PlannerSchedule.Wbs> byCode = new HashMap<>();
        nodes.forEach(node -> byCode.put(node.code(), node));
        return nodes.stream().map(node -> {
            LinkedList<String> path = new LinkedList<>();
            Set<String> seen = new HashSet<>();
            for (PlannerSchedule.Wbs at = node; at != null && seen.add(at.code()); at = byCode.get(at.parentCode())) {
                path.addFirst(at.name() == null ? "" : at.name());
            }
            return new WbsNode(node.code(), node.name(), path, node.parentCode());
        }).toList();
    }

    private ScheduledTask task(PlannerSchedule.Task task, Check check) {
        LocalDateTime actualStart = check.date(task.actualStart());
        LocalDateTime actualFinish = check.date(task.actualFinish());
        TaskStatus status;
        if (task.status() != null) {
            status = TaskStatus.valueOf(task.status());
        } else if (actualFinish != null) {
            status = TaskStatus.COMPLETED;
        } else {
            status = actualStart != null ? TaskStatus.IN_PROGRESS : TaskStatus.NOT_STARTED;
        }
        return new ScheduledTask(task.id(), task.name(), task.wbsCode(), status, !Boolean.FALSE.equals(task.active()),
                check.date(task.start()), check.date(task.finish()), check.date(task.baselineStart()),
                check.date(task.baselineFinish()), check.date(task.earlyStart()), check.date(task.earlyFinish()),
                check.date(task.lateStart()), check.date(task.lateFinish()), actualStart, actualFinish,
                scaled(task.durationHours()), scaled(task.workHours()), scaled(task.percentComplete()));
    }

    private static List<Assignment> assignments(List<PlannerSchedule.Assignment> assignments, Check check) {
        return assignments.stream().map(assignment -> new Assignment(assignment.id(), assignment.taskId(),
                new ScheduleResource(assignment.resourceId(), assignment.resourceName(), assignment.resourceCode()),
                check.date(assignment.start()), check.date(assignment.finish()), scaled(assignment.units()),
                scaled(assignment.workHours()))).toList();
    }

    /** At the scale files' numbers have, so the same values compare equal whichever way they came. */
    private static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    /** Collects every violation of a body, and the dates it parsed on the way. */
    private final class Check {

        private final List<Violation> violations = new ArrayList<>();
        private final Map<String, LocalDateTime> dates = new HashMap<>();
        private LocalDateTime dataDate;

        void schedule(PlannerSchedule schedule) {
            if (blank(schedule.projectKey())) {
                violations.add(Violation.ofRequest("projectKey", "is required"));
            }
            if (schedule.tasks() == null) {
                violations.add(Violation.ofRequest("tasks", "is required (an empty array withdraws every task)"));
            }
            dataDate = parseDate(-1, null, "dataDate", schedule.dataDate());
            Set<String> wbsCodes = wbs(list(schedule.wbs()));
            Set<String> taskIds = tasks(list(schedule.tasks()), wbsCodes);
            assignments("crewAssignments", list(schedule.crewAssignments()), taskIds);
            assignments("equipmentReservations", list(schedule.equipmentReservations()), taskIds);
        }

        private Set<String> wbs(List<PlannerSchedule.Wbs> nodes) {
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                PlannerSchedule.Wbs node = nodes.get(i);
                if (node == null || blank(node.code())) {
                    violations.add(new Violation(i, null, "wbs[" + i + "].code", "is required"));
                } else if (!codes.add(node.code())) {
                    violations.add(new Violation(i, node.code(), "wbs[" + i + "].code", "repeats an earlier code"));
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                PlannerSchedule.Wbs node = nodes.get(i);
                if (node != null && node.parentCode() != null && !codes.contains(node.parentCode())) {
                    violations.add(new Violation(i, node.code(), "wbs[" + i + "].parentCode",
                            "names no WBS node of this schedule"));
                }
            }
            return codes;
        }

        private Set<String> tasks(List<PlannerSchedule.Task> tasks, Set<String> wbsCodes) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < tasks.size(); i++) {
                PlannerSchedule.Task task = tasks.get(i);
                String at = "tasks[" + i + "].";
                if (task == null) {
                    violations.add(new Violation(i, null, "tasks[" + i + "]", "must be an object"));
                    continue;
                }
                String id = task.id();
                if (blank(id)) {
                    violations.add(new Violation(i, null, at + "id", "is required"));
                } else if (!ids.add(id)) {
                    violations.add(new Violation(i, id, at + "id", "repeats the id of an earlier task"));
                }
                if (blank(task.name())) {
                    violations.add(new Violation(i, id, at + "name", "is required"));
                }
                if (task.wbsCode() != null && !wbsCodes.contains(task.wbsCode())) {
                    violations.add(new Violation(i, id, at + "wbsCode", "names no WBS node of this schedule"));
                }
                if (task.status() != null && !List.of("NOT_STARTED", "IN_PROGRESS", "COMPLETED")
                        .contains(task.status())) {
                    violations.add(new Violation(i, id, at + "status",
                            "must be NOT_STARTED, IN_PROGRESS or COMPLETED"));
                }
                boolean active = !Boolean.FALSE.equals(task.active());
                period(i, id, at, "start", task.start(), "finish", task.finish(), active);
                period(i, id, at, "actualStart", task.actualStart(), "actualFinish", task.actualFinish(), false);
                period(i, id, at, "baselineStart", task.baselineStart(), "baselineFinish", task.baselineFinish(),
                        false);
                period(i, id, at, "earlyStart", task.earlyStart(), "earlyFinish", task.earlyFinish(), false);
                period(i, id, at, "lateStart", task.lateStart(), "lateFinish", task.lateFinish(), false);
                notNegative(i, id, at + "durationHours", task.durationHours());
                notNegative(i, id, at + "workHours", task.workHours());
                notNegative(i, id, at + "percentComplete", task.percentComplete());
                if (task.percentComplete() != null && task.percentComplete().compareTo(BigDecimal.valueOf(100)) > 0) {
                    violations.add(new Violation(i, id, at + "percentComplete", "must be at most 100"));
                }
            }
            return ids;
        }

        private void assignments(String list, List<PlannerSchedule.Assignment> assignments, Set<String> taskIds) {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < assignments.size(); i++) {
                PlannerSchedule.Assignment assignment = assignments.get(i);
                String at = list + "[" + i + "].";
                if (assignment == null) {
                    violations.add(new Violation(i, null, list + "[" + i + "]", "must be an object"));
                    continue;
                }
                String id = assignment.id();
                if (blank(id)) {
                    violations.add(new Violation(i, null, at + "id", "is required"));
                }
                if (blank(assignment.taskId()) || !taskIds.contains(assignment.taskId())) {
                    violations.add(new Violation(i, id, at + "taskId", "names no task of this schedule"));
                }
                if (blank(assignment.resourceId())) {
                    violations.add(new Violation(i, id, at + "resourceId", "is required"));
                }
                if (!keys.add(assignment.taskId() + "|" + id + "|" + assignment.resourceId())) {
                    violations.add(new Violation(i, id, at + "id",
                            "repeats an earlier assignment of the same resource to the same task"));
                }
                period(i, id, at, "start", assignment.start(), "finish", assignment.finish(), true);
                notNegative(i, id, at + "units", assignment.units());
                notNegative(i, id, at + "workHours", assignment.workHours());
            }
        }

        private void period(int item, String id, String at, String startField, String start, String finishField,
                String finish, boolean required) {
            LocalDateTime from = parseDate(item, id, at + startField, start);
            LocalDateTime to = parseDate(item, id, at + finishField, finish);
            if (required && start == null) {
                violations.add(new Violation(item, id, at + startField, "is required"));
            }
            if (required && finish == null) {
                violations.add(new Violation(item, id, at + finishField, "is required"));
            }
            if (from != null && to != null && to.isBefore(from)) {
                violations.add(new Violation(item, id, at + finishField,
                        "lies before " + startField + " (" + start + ")"));
            }
        }

        private LocalDateTime parseDate(int item, String id, String field, String value) {
            if (value == null) {
                return null;
            }
            LocalDateTime date;
            try {
                date = OffsetDateTime.parse(value).atZoneSameInstant(plannerZone).toLocalDateTime();
            } catch (DateTimeParseException withoutOffset) {
                try {
                    date = LocalDateTime.parse(value);
                } catch (DateTimeParseException e) {
                    violations.add(new Violation(item, id, field, "'" + value
                            + "' is not an ISO-8601 date-time (e.g. 2025-04-01T08:00 or 2025-04-01T07:00:00Z)"));
                    return null;
                }
            }
            dates.put(value, date);
            return date;
        }

        LocalDateTime date(String value) {
            return value == null ? null : dates.get(value);
        }

        private void notNegative(int item, String id, String field, BigDecimal value) {
            if (value != null && value.signum() < 0) {
                violations.add(new Violation(item, id, field, "must not be negative"));
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
