package io.trestle.schedule.export.structure;

import java.util.List;

/**
 * One node of an exported WBS: an Odoo phase (a top-level task of the project) or a work package (a sub-task, at any
 * depth).
 *
 * @param path
 *            canonical task ids from the phase down to this node, this node's last
 * @param costCode
 *            what usage on this node is booked on: the task's own cost code, else the project's; null while the task's
 *            own is not known yet, or when neither is set
 */
public record WbsElement(String taskId, String name, List<String> path, CostCode costCode) {

    public WbsElement {
        path = List.copyOf(path);
    }

    /**
     * The node's WBS code below the project: its path joined with dots, e.g. {@code 101.102}. Built from canonical ids,
     * not positions, so a node keeps its code when phases are added before it, and the crosswalk can map it back.
     */
    public String code() {
        return String.join(".", path);
    }

    /** The enclosing node's task id, null for a phase. */
    public String parentTaskId() {
        return path.size() < 2 ? null : path.get(path.size() - 2);
    }
}
