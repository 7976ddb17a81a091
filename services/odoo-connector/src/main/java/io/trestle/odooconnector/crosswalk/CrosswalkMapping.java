package io.trestle.odooconnector.crosswalk;

/**
 * The body of a mapping saved through the crosswalk API.
 *
 * @param canonicalType
 *            {@code project}, {@code task}, {@code cost-code}, {@code equipment} or {@code crew}
 * @param canonicalId
 *            the canonical id the external id stands for, e.g. the Odoo id of the asset
 * @param companyId
 *            the Odoo company the mapping is valid for, when the same external id means different things per company
 */
public record CrosswalkMapping(String canonicalType, String canonicalId, String companyId) {
}
