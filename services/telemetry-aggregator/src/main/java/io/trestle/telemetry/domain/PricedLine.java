package io.trestle.telemetry.domain;

/**
 * One cost line of a window as computed now.
 *
 * @param unallocatedReason
 *            the schema's {@code UnallocatedReason} name when the line is on the unallocated cost code, otherwise null
 */
public record PricedLine(LineKey key, String unallocatedReason, LineValues values) {
}
