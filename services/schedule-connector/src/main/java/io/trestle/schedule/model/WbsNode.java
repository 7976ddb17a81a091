package io.trestle.schedule.model;

import java.util.List;

/**
 * A node of the work breakdown structure: a P6 WBS element or an MS Project summary task.
 *
 * @param code
 *            the WBS code as the planner shows it (P6: full path of short names, e.g. {@code BRIDGE.1.2}; MS Project:
 *            outline code, e.g. {@code 1.2}); what the crosswalk maps to a phase or cost code
 * @param path
 *            names from the top of the structure down to this node, this node's name last
 * @param parentCode
 *            code of the enclosing node, null at the top
 */
public record WbsNode(String code, String name, List<String> path, String parentCode) {

    public WbsNode {
        path = List.copyOf(path);
    }
}
