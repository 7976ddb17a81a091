package io.trestle.schedule.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.mpxj.ProjectFile;
import org.mpxj.ProjectProperties;
import org.mpxj.Resource;
import org.mpxj.ResourceAssignment;
import org.mpxj.Task;

import io.trestle.schedule.model.SkippedAssignment.Reason;
import io.trestle.schedule.read.UnreadableScheduleException;

/**
 * Turns a project MPXJ read into a {@link ScheduleSnapshot}: WBS nodes (P6 WBS elements, MS Project summary tasks),
 * activities, and every assignment as a crew assignment, an equipment reservation or a skipped assignment. Keeps the
 * file's order. Safe for concurrent use.
 */
public final class ScheduleMapper {

    private final EquipmentRules equipmentRules;

    public ScheduleMapper(EquipmentRules equipmentRules) {
        this.equipmentRules = equipmentRules;
    }

    /**
     * @throws UnreadableScheduleException
     *             when the project has nothing that identifies it across versions
     */
    public ScheduleSnapshot map(ScheduleFormat format, ProjectFile project) {
        ProjectProperties properties = project.getProjectProperties();
        String projectKey = projectKey(format, properties);
        List<WbsNode> wbs = new ArrayList<>();
        List<ScheduledTask> tasks = new ArrayList<>();
        for (Task task : rows(project)) {
            if (task.getSummary()) {
                wbs.add(wbsNode(task));
            } else {
                tasks.add(task(format, task, properties));
            }
        }
        requireUniqueIds(format, projectKey, tasks);
        Assignments assignments = new Assignments(format, new ResourceClassifier(format, equipmentRules, project),
                properties);
        project.getResourceAssignments().forEach(assignments::add);
        return new ScheduleSnapshot(format, format.sourceSystem(), projectKey, projectName(format, properties),
                revision(format, projectKey, properties), properties.getStatusDate(), wbs, tasks, assignments.crews,
                assignments.equipment, assignments.skipped);
    }

    /** Two activities with one id would make the comparison with the previous version ambiguous. */
    private static void requireUniqueIds(ScheduleFormat format, String projectKey, List<ScheduledTask> tasks) {
        Set<String> ids = new HashSet<>();
        for (ScheduledTask task : tasks) {
            if (!ids.add(task.id())) {
                throw new UnreadableScheduleException(format,
                        "Activity id " + task.id() + " appears twice in project " + projectKey, null);
            }
        }
    }

    /** The project's tasks without MS Project's project summary row (outline level 0), which stands for the file. */
    private static List<Task> rows(ProjectFile project) {
        return project.getTasks().stream().filter(task -> !isProjectSummary(task)).toList();
    }

    private static boolean isProjectSummary(Task task) {
        return task != null && Integer.valueOf(0).equals(task.getOutlineLevel());
    }

    private static WbsNode wbsNode(Task task) {
        LinkedList<String> path = new LinkedList<>();
        for (Task node = task; node != null && !isProjectSummary(node); node = node.getParentTask()) {
            // Planners may leave a name blank; the path keeps its place.
            path.addFirst(Objects.requireNonNullElse(node.getName(), ""));
        }
        return new WbsNode(task.getWBS(), task.getName(), path, wbsCode(task.getParentTask()));
    }

    private static String wbsCode(Task parent) {
        return parent == null || isProjectSummary(parent) ? null : parent.getWBS();
    }

    private static ScheduledTask task(ScheduleFormat format, Task task, ProjectProperties properties) {
        boolean primavera = format.isPrimavera();
        return new ScheduledTask(
                taskId(format, task),
                task.getName(),
                wbsCode(task.getParentTask()),
                status(task),
                task.getActive(),
                task.getStart(),
                task.getFinish(),
                primavera ? task.getPlannedStart() : task.getBaselineStart(),
                primavera ? task.getPlannedFinish() : task.getBaselineFinish(),
                task.getEarlyStart(),
                task.getEarlyFinish(),
                task.getLateStart(),
                task.getLateFinish(),
                task.getActualStart(),
                task.getActualFinish(),
                Decimals.hours(task.getDuration(), properties),
                Decimals.hours(task.getWork(), properties),
                Decimals.of(task.getActivityPercentComplete()));
    }

    /**
     * P6 activity ids are what planners and the crosswalk know an activity by. MS Project's ids are row numbers that
     * change whenever a row is inserted above; its GUID (or, in files without GUIDs, its UniqueID) does not.
     */
    private static String taskId(ScheduleFormat format, Task task) {
        if (format.isPrimavera()) {
            return task.getActivityID();
        }
        return task.getGUID() != null ? task.getGUID().toString() : String.valueOf(task.getUniqueID());
    }

    private static TaskStatus status(Task task) {
        if (task.getActivityStatus() != null) {
            return switch (task.getActivityStatus()) {
                case NOT_STARTED -> TaskStatus.NOT_STARTED;
                case IN_PROGRESS -> TaskStatus.IN_PROGRESS;
                case COMPLETED -> TaskStatus.COMPLETED;
            };
        }
        if (task.getActualFinish() != null) {
            return TaskStatus.COMPLETED;
        }
        return task.getActualStart() != null ? TaskStatus.IN_PROGRESS : TaskStatus.NOT_STARTED;
    }

    private static ScheduleResource resource(ScheduleFormat format, Resource resource) {
        String id;
        if (format.isPrimavera()) {
            id = resource.getResourceID();
        } else {
            id = resource.getGUID() != null ? resource.getGUID().toString() : String.valueOf(resource.getUniqueID());
        }
        String code = resource.getCode() == null || resource.getCode().isBlank() ? null : resource.getCode();
        return new ScheduleResource(id, resource.getName(), code);
    }

    private static String projectKey(ScheduleFormat format, ProjectProperties properties) {
        String key;
        if (format.isPrimavera()) {
            key = properties.getProjectID();
        } else if (properties.getGUID() != null) {
            key = properties.getGUID().toString();
        } else {
            // MS Project writes its GUID since Project 2007; older files have their title, or at least a name.
            key = properties.getProjectTitle() != null ? properties.getProjectTitle() : properties.getName();
        }
        if (key == null || key.isBlank()) {
            throw new UnreadableScheduleException(format,
                    format + " project has no id, GUID, title or name to tell which project it is a version of", null);
        }
        return key;
    }

    private static String projectName(ScheduleFormat format, ProjectProperties properties) {
        if (!format.isPrimavera() && properties.getProjectTitle() != null) {
            return properties.getProjectTitle();
        }
        return properties.getName();
    }

    private static String revision(ScheduleFormat format, String projectKey, ProjectProperties properties) {
        LocalDateTime asOf = format.isPrimavera() ? properties.getStatusDate() : properties.getLastSaved();
        String revision = asOf == null ? projectKey : projectKey + "@" + asOf;
        return properties.getRevision() == null ? revision : revision + "#" + properties.getRevision();
    }

    /** Sorts a project's assignments into crew assignments, equipment reservations and the rest. */
    private static final class Assignments {

        private final ScheduleFormat format;
        private final ResourceClassifier classifier;
        private final ProjectProperties properties;
        private final List<Assignment> crews = new ArrayList<>();
        private final List<Assignment> equipment = new ArrayList<>();
        private final List<SkippedAssignment> skipped = new ArrayList<>();

        Assignments(ScheduleFormat format, ResourceClassifier classifier, ProjectProperties properties) {
            this.format = format;
            this.classifier = classifier;
            this.properties = properties;
        }

        void add(ResourceAssignment assignment) {
            Task task = assignment.getTask();
            Resource resource = assignment.getResource();
            if (resource == null) {
                skipped.add(skipped(assignment, taskId(format, task), Reason.UNASSIGNED));
            } else if (task.getSummary()) {
                skipped.add(skipped(assignment, task.getWBS(), Reason.SUMMARY_TASK));
            } else {
                switch (classifier.classify(resource)) {
                    case CREW -> crews.add(assignment(assignment));
                    case EQUIPMENT -> equipment.add(assignment(assignment));
                    case MATERIAL -> skipped.add(skipped(assignment, taskId(format, task), Reason.MATERIAL));
                    case COST -> skipped.add(skipped(assignment, taskId(format, task), Reason.COST));
                    case ROLE -> skipped.add(skipped(assignment, taskId(format, task), Reason.ROLE));
                }
            }
        }

        private Assignment assignment(ResourceAssignment assignment) {
            return new Assignment(String.valueOf(assignment.getUniqueID()), taskId(format, assignment.getTask()),
                    resource(format, assignment.getResource()), assignment.getStart(), assignment.getFinish(),
                    Decimals.of(assignment.getUnits()), Decimals.hours(assignment.getWork(), properties));
        }

        private static SkippedAssignment skipped(ResourceAssignment assignment, String taskId, Reason reason) {
            Resource resource = assignment.getResource();
            return new SkippedAssignment(String.valueOf(assignment.getUniqueID()), taskId,
                    resource == null ? null : resource.getName(), reason);
        }
    }
}
