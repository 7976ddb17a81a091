package io.trestle.odoosink.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.trestle.odoo.client.OdooValues;
import io.trestle.schema.schedule.FieldChange;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskChanged;
import io.trestle.schema.schedule.TaskScheduled;

/**
 * Maps approved schedule changes to the {@code project.task} values the sink loads into Odoo.
 *
 * <p>
 * Odoo owns the project structure, so the sink only writes the schedule onto tasks that exist: the planned finish as
 * the task's deadline and the planned work as its allocated hours. Odoo 17 Community tasks have no start date, so the
 * planned start has nowhere to go. A cancelled task is set to Odoo's cancelled state, never deleted or archived. Each
 * update names only the columns the event speaks for; a column left out keeps what Odoo holds. The task is the
 * canonical task id read as an Odoo database id; anything else is refused rather than matched by name.
 */
public final class TaskSchedules {

    public static final String MODEL = "project.task";
    /** Odoo 17's {@code state} of a cancelled task. */
    static final String CANCELLED_STATE = "1_canceled";
    /** {@link FieldChange#getField()} of a change of the planned work. */
    static final String PLANNED_HOURS = "plannedHours";

    private TaskSchedules() {
    }

    /**
     * What to load into one task.
     *
     * @param columns
     *            load column → cell, in load order, {@code .id} (the task's database id) first; an empty cell clears
     *            the field
     */
    public record Update(long taskId, Map<String, String> columns) {
    }

    /** Either the task update, or why the event must not reach Odoo. */
    public sealed interface Mapping {
    }

    public record Mapped(Update update) implements Mapping {
    }

    public record Refused(String reasonCode, String message) implements Mapping {
    }

    /** The planned finish becomes the deadline; planned hours, when given, the allocated hours. */
    public static Mapping scheduled(TaskScheduled task) {
        Refused refused = refusal(task.getTaskId(), task.getPlannedStart(), task.getPlannedEnd());
        if (refused != null) {
            return refused;
        }
        Map<String, String> columns = columns(task.getTaskId());
        columns.put("date_deadline", OdooValues.datetime(task.getPlannedEnd()));
        if (task.getPlannedHours() != null) {
            BigDecimal hours = BigDecimal.valueOf(task.getPlannedHours());
            if (hours.signum() < 0) {
                return negativeHours(hours);
            }
            columns.put("allocated_hours", hours.toPlainString());
        }
        return mapped(task.getTaskId(), columns);
    }

    /**
     * The planned finish after the change becomes the deadline, cleared when the planner removed it. The event repeats
     * the dates but not the planned hours, so the allocated hours change only with a change of the planned hours.
     */
    public static Mapping changed(TaskChanged task) {
        Refused refused = refusal(task.getTaskId(), task.getPlannedStart(), task.getPlannedEnd());
        if (refused != null) {
            return refused;
        }
        Map<String, String> columns = columns(task.getTaskId());
        columns.put("date_deadline", task.getPlannedEnd() == null ? "" : OdooValues.datetime(task.getPlannedEnd()));
        FieldChange hoursChange = null;
        for (FieldChange change : task.getChanges()) {
            if (PLANNED_HOURS.equals(change.getField())) {
                hoursChange = change;
            }
        }
        if (hoursChange != null) {
            String after = hoursChange.getAfter();
            if (after == null) {
                columns.put("allocated_hours", "");
            } else {
                BigDecimal hours;
                try {
                    hours = new BigDecimal(after.strip());
                } catch (NumberFormatException e) {
                    return new Refused("SCHEMA_VIOLATION",
                            "planned hours changed to '" + after + "', which is not a decimal number");
                }
                if (hours.signum() < 0) {
                    return negativeHours(hours);
                }
                columns.put("allocated_hours", hours.toPlainString());
            }
        }
        return mapped(task.getTaskId(), columns);
    }

    public static Mapping cancelled(TaskCancelled task) {
        Refused refused = refusal(task.getTaskId(), null, null);
        if (refused != null) {
            return refused;
        }
        Map<String, String> columns = columns(task.getTaskId());
        columns.put("state", CANCELLED_STATE);
        return mapped(task.getTaskId(), columns);
    }

    private static Refused refusal(String taskId, Instant plannedStart, Instant plannedEnd) {
        if (!OdooIds.isDatabaseId(taskId)) {
            return new Refused("UNKNOWN_CANONICAL_ID",
                    "task id '" + taskId + "' is not an Odoo project.task id; the task is not guessed");
        }
        if (plannedStart != null && plannedEnd != null && plannedEnd.isBefore(plannedStart)) {
            return new Refused("INCONSISTENT_DATES",
                    "task " + taskId + " is planned to finish at " + plannedEnd + ", before it starts at "
                            + plannedStart);
        }
        return null;
    }

    private static Refused negativeHours(BigDecimal hours) {
        return new Refused("NEGATIVE_VALUE", "planned hours " + hours.toPlainString() + " are negative");
    }

    private static Map<String, String> columns(String taskId) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(".id", taskId);
        return columns;
    }

    private static Mapped mapped(String taskId, Map<String, String> columns) {
        return new Mapped(new Update(Long.parseLong(taskId), Collections.unmodifiableMap(columns)));
    }
}
