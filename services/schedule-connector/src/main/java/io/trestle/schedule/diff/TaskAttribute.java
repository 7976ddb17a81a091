package io.trestle.schedule.diff;

import java.util.function.Function;

import io.trestle.schedule.model.ScheduledTask;

/**
 * The attributes of a task whose change is published, in the order a {@code TaskChanged} event lists them. Baseline
 * dates are not among them: they record the plan as approved, which downstream systems do not follow.
 */
public enum TaskAttribute {

    TASK_NAME("taskName", ScheduledTask::name),
    WBS_CODE("wbsCode", ScheduledTask::wbsCode),
    STATUS("status", ScheduledTask::status),
    /** The current start, which events call planned: it is when the schedule plans the work to start. */
    PLANNED_START("plannedStart", ScheduledTask::start),
    PLANNED_END("plannedEnd", ScheduledTask::finish),
    EARLY_START("earlyStart", ScheduledTask::earlyStart),
    EARLY_END("earlyEnd", ScheduledTask::earlyFinish),
    LATE_START("lateStart", ScheduledTask::lateStart),
    LATE_END("lateEnd", ScheduledTask::lateFinish),
    ACTUAL_START("actualStart", ScheduledTask::actualStart),
    ACTUAL_END("actualEnd", ScheduledTask::actualFinish),
    DURATION_HOURS("durationHours", ScheduledTask::durationHours),
    /** Work of all resources, which events call planned hours. */
    PLANNED_HOURS("plannedHours", ScheduledTask::workHours),
    PERCENT_COMPLETE("percentComplete", ScheduledTask::percentComplete);

    private final String eventName;
    private final Function<ScheduledTask, Object> value;

    TaskAttribute(String eventName, Function<ScheduledTask, Object> value) {
        this.eventName = eventName;
        this.value = value;
    }

    /** The name {@code TaskChanged.changes[].field} gives the attribute. */
    public String eventName() {
        return eventName;
    }

    public Object valueOf(ScheduledTask task) {
        return value.apply(task);
    }
}
