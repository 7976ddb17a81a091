package io.trestle.odoo.client;

/**
 * One message of a {@code load} call.
 *
 * @param type
 *            {@code error}, {@code warning} or {@code info}
 * @param row
 *            the index of the row in the rows sent ({@code record}), or {@code null} when Odoo named none
 * @param field
 *            the technical field name, or {@code null}
 */
public record LoadMessage(String type, String message, Integer row, String field) {

    public boolean isError() {
        return "error".equals(type);
    }
}
