package io.trestle.telemetry.domain;

/**
 * One cost line of a window as last posted.
 *
 * @param originalPostingId
 *            postingId of the line's revision 0, which every correction names
 */
public record PostedLine(LineKey key, String unallocatedReason, LineValues values, int revision, String postingId,
        String originalPostingId) {
}
