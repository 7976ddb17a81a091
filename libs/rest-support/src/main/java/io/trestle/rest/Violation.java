package io.trestle.rest;

/**
 * Why one item of a request cannot be accepted.
 *
 * @param item
 *            zero-based position of the item in the request, or -1 for the request as a whole
 * @param itemId
 *            the caller's id of the item, when it gave one
 * @param field
 *            JSON path of the offending field, e.g. {@code readings[3].cumulativeOperatingHours}
 * @param message
 *            what is wrong, for a human
 */
public record Violation(int item, String itemId, String field, String message) {

    public static Violation ofRequest(String field, String message) {
        return new Violation(-1, null, field, message);
    }
}
