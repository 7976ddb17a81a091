package io.trestle.schedule.export.structure;

/**
 * A cost code (an Odoo analytic account) as the planner gets it.
 *
 * @param id
 *            canonical cost code id
 * @param code
 *            what accountants and planners write: the account's code, or its canonical id when it has none
 */
public record CostCode(String id, String code, String name) {
}
