package io.trestle.telemetry.domain;

/**
 * What one cost line of a window is booked on; with the asset and the window it is the identity of a posting.
 *
 * @param projectId
 *            null when no reservation attributes the usage
 */
public record LineKey(String projectId, String costCodeId) {
}
