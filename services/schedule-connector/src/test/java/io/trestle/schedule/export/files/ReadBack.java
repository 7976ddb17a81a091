package io.trestle.schedule.export.files;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mpxj.CostAccount;
import org.mpxj.CustomField;
import org.mpxj.FieldType;
import org.mpxj.FieldTypeClass;
import org.mpxj.MPXJException;
import org.mpxj.ProjectFile;
import org.mpxj.Task;
import org.mpxj.mpp.CustomFieldValueItem;
import org.mpxj.reader.UniversalProjectReader;

import io.trestle.schedule.export.structure.ProjectSkeleton;
import io.trestle.schedule.export.structure.WbsElement;

/**
 * A written file read back with MPXJ's {@link UniversalProjectReader} (which tells the format from the content, as a
 * planner's import would), reduced to what the skeleton says: project, WBS tree and cost codes.
 */
record ReadBack(String projectId, String name, String costCode, List<Node> wbs, Map<String, String> costCodes) {

    /** One WBS element: its code below the project, its parent's code, its cost code. */
    record Node(String code, String name, String parentCode, String costCode) {
    }

    /** What reading back a skeleton's file must give. */
    static ReadBack expected(ProjectSkeleton skeleton, String projectId) {
        List<Node> wbs = skeleton.wbs().stream()
                .map(element -> new Node(element.code(), element.name(), parentCode(element),
                        element.costCode() == null ? null : element.costCode().code()))
                .toList();
        Map<String, String> costCodes = new LinkedHashMap<>();
        skeleton.costCodes().forEach(costCode -> costCodes.put(costCode.code(), costCode.name()));
        return new ReadBack(projectId, skeleton.name(),
                skeleton.costCode() == null ? null : skeleton.costCode().code(), wbs, costCodes);
    }

    static ReadBack read(ExportFile file) throws MPXJException {
        ProjectFile project = new UniversalProjectReader().read(new ByteArrayInputStream(file.bytes()));
        return switch (file.format()) {
            case PMXML -> primavera(project);
            case MSPDI -> msProject(project);
        };
    }

    private static ReadBack primavera(ProjectFile project) {
        String projectId = project.getProjectProperties().getProjectID();
        String prefix = projectId + ".";
        List<FieldType> wbsFields = costCodeFields(project, FieldTypeClass.TASK);
        List<Node> wbs = new ArrayList<>();
        for (Task task : project.getTasks()) {
            Task parent = task.getParentTask();
            wbs.add(new Node(task.getWBS().substring(prefix.length()), task.getName(),
                    parent == null ? null : parent.getWBS().substring(prefix.length()), value(task, wbsFields)));
        }
        Map<String, String> costCodes = new LinkedHashMap<>();
        for (CostAccount account : project.getCostAccounts()) {
            costCodes.put(account.getID(), account.getName());
        }
        String projectCostCode = costCodeFields(project, FieldTypeClass.PROJECT).stream()
                .map(field -> (String) project.getProjectProperties().getCachedValue(field)).filter(Objects::nonNull)
                .findFirst().orElse(null);
        return new ReadBack(projectId, project.getProjectProperties().getName(), projectCostCode, wbs, costCodes);
    }

    private static ReadBack msProject(ProjectFile project) {
        CustomField field = project.getCustomFields().stream()
                .filter(custom -> SkeletonProjects.COST_CODE_FIELD.equals(custom.getAlias())).findFirst()
                .orElseThrow();
        Map<String, String> costCodes = new LinkedHashMap<>();
        for (CustomFieldValueItem item : field.getLookupTable()) {
            costCodes.put((String) item.getValue(), item.getDescription());
        }
        Task summary = project.getTaskByUniqueID(0);
        List<Node> wbs = new ArrayList<>();
        for (Task task : project.getTasks()) {
            if (task != summary) {
                Task parent = task.getParentTask();
                wbs.add(new Node(task.getWBS(), task.getName(), parent == summary ? null : parent.getWBS(),
                        (String) task.getCachedValue(field.getFieldType())));
            }
        }
        return new ReadBack(project.getProjectProperties().getGUID().toString(),
                project.getProjectProperties().getProjectTitle(),
                (String) summary.getCachedValue(field.getFieldType()), wbs, costCodes);
    }

    /** P6 UDFs named for the cost code; MPXJ reads the WBS one and its activity twin as two fields. */
    private static List<FieldType> costCodeFields(ProjectFile project, FieldTypeClass type) {
        return project.getUserDefinedFields().stream()
                .filter(field -> field.getFieldTypeClass() == type
                        && SkeletonProjects.COST_CODE_FIELD.equals(field.getName()))
                .map(FieldType.class::cast).toList();
    }

    private static String value(Task task, List<FieldType> fields) {
        return fields.stream().map(field -> (String) task.getCachedValue(field)).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    private static String parentCode(WbsElement element) {
        int last = element.code().lastIndexOf('.');
        return last < 0 ? null : element.code().substring(0, last);
    }
}
