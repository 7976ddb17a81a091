package io.trestle.schedule.export.structure;

import java.util.Set;

/**
 * The projects whose skeleton a master-data record may have changed.
 *
 * @param uncertain
 *            true when the record deletes something the structure did not know: compaction can have removed its earlier
 *            snapshot from the records the structure was rebuilt from, so what the planner last got cannot be told from
 *            the rebuilt structure, and the projects are delivered even if their skeleton looks unchanged
 */
public record StructureChange(Set<String> projects, boolean uncertain) {

    public static final StructureChange NONE = new StructureChange(Set.of(), false);

    public StructureChange {
        projects = Set.copyOf(projects);
    }
}
