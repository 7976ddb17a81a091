package io.trestle.schedule.export.files;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.mpxj.CostAccount;
import org.mpxj.CustomField;
import org.mpxj.CustomFieldValueDataType;
import org.mpxj.DataType;
import org.mpxj.FieldTypeClass;
import org.mpxj.ProjectCalendar;
import org.mpxj.ProjectFile;
import org.mpxj.ProjectProperties;
import org.mpxj.Task;
import org.mpxj.TaskField;
import org.mpxj.UserDefinedField;
import org.mpxj.mpp.CustomFieldValueItem;

import io.trestle.schedule.export.structure.CostCode;
import io.trestle.schedule.export.structure.ProjectSkeleton;
import io.trestle.schedule.export.structure.WbsElement;

/**
 * A skeleton as the MPXJ project each format is written from. Every value comes from the skeleton: GUIDs derive from
 * canonical ids, unique ids from the skeleton's order, and the dates MPXJ would otherwise take from the clock are
 * fixed, so the same skeleton always writes the same bytes.
 *
 * <p>
 * Cost codes go where each planner keeps them. P6: its cost accounts dictionary (id = cost code, name), and a text UDF
 * {@value #COST_CODE_FIELD} on every WBS element and on the project. MS Project: outline code 1, aliased
 * {@value #COST_CODE_FIELD}, whose lookup table is the dictionary (value = cost code, description = name), set on every
 * WBS task and on the project summary task. Both read back through MPXJ unchanged; a text field on P6 WBS elements is
 * the only per-element place its PMXML writer carries, and MS Project's outline codes are its own code dictionaries.
 */
final class SkeletonProjects {

    static final String COST_CODE_FIELD = "Cost Code";
    static final TaskField MS_PROJECT_COST_CODE = TaskField.OUTLINE_CODE1;
    /** Written as creation, last-saved and current date; from the clock they would make every file different. */
    static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    /** Odoo keeps a project's start as a date; planners start work at the default calendar's first hour. */
    private static final LocalTime WORKDAY_START = LocalTime.of(8, 0);

    private SkeletonProjects() {
    }

    static ProjectFile primavera(ProjectSkeleton skeleton) {
        ProjectFile file = base(skeleton);
        ProjectProperties properties = file.getProjectProperties();
        properties.setProjectID(skeleton.plannerId());
        properties.setName(skeleton.name());
        UserDefinedField wbsCostCode = costCodeField(file, FieldTypeClass.TASK);
        UserDefinedField projectCostCode = costCodeField(file, FieldTypeClass.PROJECT);
        if (skeleton.costCode() != null) {
            properties.set(projectCostCode, skeleton.costCode().code());
        }
        int sequence = 1;
        for (CostCode costCode : skeleton.costCodes()) {
            file.getCostAccounts().add(new CostAccount.Builder(file).uniqueID(sequence).sequenceNumber(sequence)
                    .id(costCode.code()).name(costCode.name()).build());
            sequence++;
        }
        Map<String, Task> tasks = new HashMap<>();
        for (WbsElement element : skeleton.wbs()) {
            Task parent = tasks.get(element.parentTaskId());
            Task task = parent == null ? file.addTask() : parent.addTask();
            // MPXJ writes summary tasks as WBS elements, anything else as an activity.
            task.setSummary(true);
            task.setName(element.name());
            task.setGUID(guid("task", element.taskId()));
            task.setWBS(skeleton.plannerId() + "." + element.code());
            if (element.costCode() != null) {
                task.set(wbsCostCode, element.costCode().code());
            }
            tasks.put(element.taskId(), task);
        }
        return file;
    }

    static ProjectFile msProject(ProjectSkeleton skeleton) {
        ProjectFile file = base(skeleton);
        ProjectProperties properties = file.getProjectProperties();
        properties.setProjectTitle(skeleton.name());
        properties.setName(skeleton.name());
        CustomField costCodes = file.getCustomFields().getOrCreate(MS_PROJECT_COST_CODE);
        costCodes.setAlias(COST_CODE_FIELD);
        costCodes.getLookupTable().setGUID(guid("outline-code", COST_CODE_FIELD));
        int valueId = 1;
        for (CostCode costCode : skeleton.costCodes()) {
            CustomFieldValueItem value = new CustomFieldValueItem(valueId++);
            value.setValue(costCode.code());
            value.setDescription(costCode.name());
            value.setGUID(guid("cost-code", costCode.id()));
            value.setType(CustomFieldValueDataType.TEXT);
            costCodes.getLookupTable().add(value);
        }

        // The project summary task (row 0) holds MS Project's project-level field values.
        Task summary = file.addTask();
        summary.setUniqueID(0);
        summary.setID(0);
        summary.setOutlineLevel(0);
        summary.setSummary(true);
        summary.setName(skeleton.name());
        summary.setGUID(guid("project-summary", skeleton.projectId()));
        if (skeleton.costCode() != null) {
            summary.set(MS_PROJECT_COST_CODE, skeleton.costCode().code());
        }
        Set<String> parents = skeleton.wbs().stream().map(WbsElement::parentTaskId)
                .collect(Collectors.toSet());
        Map<String, Task> tasks = new HashMap<>();
        int id = 1;
        for (WbsElement element : skeleton.wbs()) {
            Task parent = tasks.get(element.parentTaskId());
            Task task = parent == null ? summary.addTask() : parent.addTask();
            task.setUniqueID(id);
            task.setID(id++);
            // MS Project makes a task a summary by giving it subtasks; the planner adds activities below the leaves.
            task.setSummary(parents.contains(element.taskId()));
            task.setName(element.name());
            task.setGUID(guid("task", element.taskId()));
            task.setWBS(element.code());
            if (element.costCode() != null) {
                task.set(MS_PROJECT_COST_CODE, element.costCode().code());
            }
            tasks.put(element.taskId(), task);
        }
        return file;
    }

    /**
     * The GUID a canonical entity is written with, the same in every file and version, so planners and the crosswalk
     * recognise it: a name-based UUID of {@code trestle:<kind>:<id>}, e.g. the project's MS Project GUID is that of
     * {@code trestle:project:42}.
     */
    static UUID guid(String kind, String id) {
        return UUID.nameUUIDFromBytes(("trestle:" + kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static ProjectFile base(ProjectSkeleton skeleton) {
        ProjectFile file = new ProjectFile();
        ProjectProperties properties = file.getProjectProperties();
        properties.setGUID(guid("project", skeleton.projectId()));
        properties.setCreationDate(FIXED_TIME);
        properties.setLastSaved(FIXED_TIME);
        properties.setCurrentDate(FIXED_TIME);
        if (skeleton.startDate() != null) {
            properties.setStartDate(skeleton.startDate().atTime(WORKDAY_START));
        }
        ProjectCalendar calendar = file.addDefaultBaseCalendar();
        file.setDefaultCalendar(calendar);
        return file;
    }

    private static UserDefinedField costCodeField(ProjectFile file, FieldTypeClass type) {
        UserDefinedField field = new UserDefinedField.Builder(file).fieldTypeClass(type)
                .summaryTaskOnly(type == FieldTypeClass.TASK).dataType(DataType.STRING).externalName(COST_CODE_FIELD)
                .build();
        file.getUserDefinedFields().add(field);
        return field;
    }
}
