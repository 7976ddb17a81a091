package io.trestle.schedule.export.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.OdooTaskState;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;

/**
 * The current project structure, folded from the master-data topics record by record: projects, their tasks and the
 * cost codes they use. Each fold says which projects it may have changed; {@link #skeleton} says what the planner gets
 * for one of them.
 *
 * <p>
 * Odoo models a project's phases as its top-level tasks and work packages as their sub-tasks; both become WBS elements,
 * nested as in Odoo, the project itself being the WBS root. Kanban stages are not structure (they are where a task is
 * in its workflow) and are left out. A cancelled or archived task is left out with everything below it; a task whose
 * parent is not a task of the same project (Odoo lets a sub-task live in another project) is a phase of its own
 * project. Not thread-safe: one consumer folds it.
 */
public final class ProjectStructure {

    /** Canonical ids are decimal strings: shorter is smaller, then digit by digit, which is creation order in Odoo. */
    public static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, ProjectSnapshot> projects = new HashMap<>();
    private final Map<String, ProjectTaskSnapshot> tasks = new HashMap<>();
    private final Map<String, CostCodeSnapshot> costCodes = new HashMap<>();
    private final Map<String, Set<String>> tasksByProject = new HashMap<>();

    /**
     * @param snapshot
     *            null for a tombstone
     */
    public StructureChange project(String projectId, ProjectSnapshot snapshot) {
        boolean gone = snapshot == null || snapshot.getDeleted();
        ProjectSnapshot previous = gone ? projects.remove(projectId) : projects.put(projectId, snapshot);
        return new StructureChange(Set.of(projectId), gone && previous == null);
    }

    /**
     * @param snapshot
     *            null for a tombstone
     */
    public StructureChange task(String taskId, ProjectTaskSnapshot snapshot) {
        boolean gone = snapshot == null || snapshot.getDeleted();
        ProjectTaskSnapshot previous = tasks.remove(taskId);
        Set<String> affected = new HashSet<>();
        if (previous != null) {
            tasksByProject.get(previous.getProjectId()).remove(taskId);
            affected.add(previous.getProjectId());
        }
        if (snapshot != null) {
            // A deleted task's last snapshot still says which project lost it.
            affected.add(snapshot.getProjectId());
        }
        if (!gone) {
            tasks.put(taskId, snapshot);
            tasksByProject.computeIfAbsent(snapshot.getProjectId(), project -> new HashSet<>()).add(taskId);
        }
        return new StructureChange(affected, gone && previous == null);
    }

    /**
     * @param snapshot
     *            null for a tombstone
     */
    public StructureChange costCode(String costCodeId, CostCodeSnapshot snapshot) {
        boolean gone = snapshot == null || snapshot.getDeleted();
        CostCodeSnapshot previous = gone ? costCodes.remove(costCodeId) : costCodes.put(costCodeId, snapshot);
        Set<String> affected = new HashSet<>();
        projects.values().stream().filter(project -> costCodeId.equals(project.getCostCodeId()))
                .forEach(project -> affected.add(project.getProjectId()));
        tasks.values().stream().filter(task -> costCodeId.equals(task.getCostCodeId()))
                .forEach(task -> affected.add(task.getProjectId()));
        return new StructureChange(affected, gone && previous == null);
    }

    /** Every project the structure knows, in id order. */
    public SortedSet<String> projectIds() {
        SortedSet<String> ids = new TreeSet<>(ID_ORDER);
        ids.addAll(projects.keySet());
        return ids;
    }

    /** What the planner gets for the project; empty when it is unknown or archived, which the planner is not sent. */
    public Optional<ProjectSkeleton> skeleton(String projectId) {
        ProjectSnapshot project = projects.get(projectId);
        if (project == null || !project.getActive()) {
            return Optional.empty();
        }
        CostCode projectCostCode = costCode(project.getCostCodeId()).orElse(null);
        Set<CostCode> used = new LinkedHashSet<>();
        if (projectCostCode != null) {
            used.add(projectCostCode);
        }
        List<WbsElement> wbs = new ArrayList<>();
        Map<String, List<ProjectTaskSnapshot>> children = children(projectId);
        for (ProjectTaskSnapshot phase : children.getOrDefault(null, List.of())) {
            addSubtree(phase, List.of(), children, projectCostCode, wbs);
        }
        wbs.stream().map(WbsElement::costCode).filter(Objects::nonNull).forEach(used::add);
        List<CostCode> dictionary = used.stream()
                .sorted(Comparator.comparing(CostCode::code).thenComparing(CostCode::id, ID_ORDER))
                .toList();
        return Optional.of(new ProjectSkeleton(projectId, plannerId(project), project.getName(),
                project.getStartDate(), projectCostCode, wbs, dictionary));
    }

    /** The project's tasks by parent (null: the phases), each list in id order. */
    private Map<String, List<ProjectTaskSnapshot>> children(String projectId) {
        Set<String> own = tasksByProject.getOrDefault(projectId, Set.of());
        Map<String, List<ProjectTaskSnapshot>> children = new HashMap<>();
        own.stream().sorted(ID_ORDER).map(tasks::get).forEach(task -> {
            String parent = own.contains(task.getParentTaskId()) ? task.getParentTaskId() : null;
            children.computeIfAbsent(parent, key -> new ArrayList<>()).add(task);
        });
        return children;
    }

    /** Depth first from the phases: tasks caught in a parent cycle are never reached, and so never exported. */
    private void addSubtree(ProjectTaskSnapshot task, List<String> parentPath,
            Map<String, List<ProjectTaskSnapshot>> children, CostCode projectCostCode, List<WbsElement> wbs) {
        if (!task.getActive() || task.getState() == OdooTaskState.CANCELLED) {
            return;
        }
        List<String> path = new ArrayList<>(parentPath);
        path.add(task.getTaskId());
        // The task's own cost code, else the project's: where Odoo books usage on the task.
        CostCode costCode = task.getCostCodeId() == null
                ? projectCostCode
                : costCode(task.getCostCodeId()).orElse(null);
        wbs.add(new WbsElement(task.getTaskId(), task.getName(), path, costCode));
        for (ProjectTaskSnapshot child : children.getOrDefault(task.getTaskId(), List.of())) {
            addSubtree(child, path, children, projectCostCode, wbs);
        }
    }

    private Optional<CostCode> costCode(String costCodeId) {
        return Optional.ofNullable(costCodeId).map(costCodes::get)
                .map(account -> new CostCode(account.getCostCodeId(), blank(account.getCode())
                        ? account.getCostCodeId()
                        : account.getCode().strip(), account.getName()));
    }

    private static String plannerId(ProjectSnapshot project) {
        return blank(project.getCode()) ? "ODOO-" + project.getProjectId() : project.getCode().strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
