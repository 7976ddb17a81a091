package io.trestle.operations.domain;

/**
 * An active fault that stops the machine; it lasts until it is cleared.
 *
 * @param detectedAt
 *            epoch millis
 */
public record Breakdown(String faultId, String code, String description, long detectedAt) {
}
