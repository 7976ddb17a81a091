package io.trestle.schedule.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mpxj.FieldType;
import org.mpxj.FieldTypeClass;
import org.mpxj.ProjectCode;
import org.mpxj.ProjectCodeValue;
import org.mpxj.ProjectFile;
import org.mpxj.Task;
import org.mpxj.TaskField;

/**
 * When a schedule file counts as approved by the planner, so that it is published without a call of the publish API.
 * MPXJ does not read a P6 project's status (Active, What-If, Planned), so P6 schedules are approved by a project code
 * (P6 Project Codes, e.g. {@code Schedule Status = Approved}); MS Project schedules by a flag set on the project
 * summary task. No rule configured means every schedule waits for the API.
 *
 * @param p6ProjectCode
 *            name of the P6 project code that approves, compared ignoring case
 * @param p6Values
 *            the values of that code that approve (a value's short name or its description), compared ignoring case
 * @param msProjectFlag
 *            a task flag field, by name ({@code Flag1} … {@code Flag20}) or by its alias in the file, that approves
 *            when set on the project summary task
 */
public record ApprovalRules(Optional<String> p6ProjectCode, Set<String> p6Values, Optional<String> msProjectFlag) {

    /** Every schedule waits for the publish API. */
    public static final ApprovalRules NONE = new ApprovalRules(Optional.empty(), Set.of(), Optional.empty());

    public ApprovalRules {
        p6Values = p6Values.stream().map(ApprovalRules::normalised).collect(Collectors.toUnmodifiableSet());
    }

    /** Why the project counts as approved, for the draft and the log; empty when no rule approves it. */
    public Optional<String> approves(ScheduleFormat format, ProjectFile project) {
        if (format.isPrimavera()) {
            return p6ProjectCode.flatMap(code -> byProjectCode(code, project));
        }
        if (format == ScheduleFormat.MSPDI) {
            return msProjectFlag.flatMap(flag -> byFlag(flag, project));
        }
        return Optional.empty();
    }

    private Optional<String> byProjectCode(String codeName, ProjectFile project) {
        for (Map.Entry<ProjectCode, ProjectCodeValue> assigned : project.getProjectProperties().getProjectCodeValues()
                .entrySet()) {
            ProjectCodeValue value = assigned.getValue();
            if (normalised(assigned.getKey().getName()).equals(normalised(codeName))
                    && (p6Values.contains(normalised(value.getName()))
                            || p6Values.contains(normalised(value.getDescription())))) {
                return Optional
                        .of("P6 project code '" + assigned.getKey().getName() + "' is '" + value.getName() + "'");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> byFlag(String flag, ProjectFile project) {
        Optional<FieldType> field = flagField(flag, project);
        Optional<Task> summary = project.getTasks().stream()
                .filter(task -> Integer.valueOf(0).equals(task.getOutlineLevel())).findFirst();
        if (field.isPresent() && summary.isPresent() && Boolean.TRUE.equals(summary.get().get(field.get()))) {
            return Optional.of("MS Project flag '" + flag + "' is set on the project summary task");
        }
        return Optional.empty();
    }

    /** As {@code ResourceClassifier} finds its flag: by MS Project name or by the alias the file gives it. */
    private static Optional<FieldType> flagField(String name, ProjectFile project) {
        String constant = name.trim().toUpperCase(Locale.ROOT);
        if (constant.matches("FLAG([1-9]|1[0-9]|20)")) {
            return Optional.of(TaskField.valueOf(constant));
        }
        return Optional.ofNullable(project.getCustomFields().getFieldTypeByAlias(FieldTypeClass.TASK, name.trim()));
    }

    private static String normalised(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }
}
