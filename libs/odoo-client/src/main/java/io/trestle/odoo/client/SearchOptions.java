package io.trestle.odoo.client;

/**
 * Paging and ordering of {@code search} and {@code search_read}; {@code null} leaves Odoo's default.
 *
 * @param order
 *            an Odoo order clause, e.g. {@code "write_date asc, id asc"}
 */
public record SearchOptions(Integer limit, Integer offset, String order) {

    public SearchOptions {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (offset != null && offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    public static SearchOptions none() {
        return new SearchOptions(null, null, null);
    }

    public static SearchOptions limit(int limit) {
        return new SearchOptions(limit, null, null);
    }
}
