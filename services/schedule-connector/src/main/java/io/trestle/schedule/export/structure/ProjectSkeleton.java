package io.trestle.schedule.export.structure;

import java.time.LocalDate;
import java.util.List;

/**
 * What the planner gets for one Odoo project: identity, start, cost code, WBS, and the cost codes they use. Written
 * deterministically: equal skeletons write the same files, so an unchanged skeleton need not be sent again.
 *
 * @param plannerId
 *            the id planners know the project by (the P6 project id): the project's code, else {@code ODOO-<id>}
 * @param startDate
 *            the planned start from Odoo, null when not set
 * @param costCode
 *            the project's own cost code, null when not set or not known yet
 * @param wbs
 *            depth first, siblings in the order of their task ids (the order Odoo created them)
 * @param costCodes
 *            every cost code the project and its WBS use, once each, by code
 */
public record ProjectSkeleton(
        String projectId,
        String plannerId,
        String name,
        LocalDate startDate,
        CostCode costCode,
        List<WbsElement> wbs,
        List<CostCode> costCodes) {

    public ProjectSkeleton {
        wbs = List.copyOf(wbs);
        costCodes = List.copyOf(costCodes);
    }

    /**
     * Names the project's files and deliveries ({@code project-<id>}): from the canonical id, which unlike the code
     * never changes.
     */
    public String key() {
        return "project-" + projectId;
    }
}
