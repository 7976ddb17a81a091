package io.trestle.odooconnector.source;

import java.util.Map;

/**
 * What a source is doing, for the readiness check.
 *
 * @param ready
 *            reading and handing over (or caught up)
 * @param failed
 *            stopped by an error; it will not recover by itself and has to be replaced
 * @param state
 *            the source's own state name, e.g. {@code STREAMING} or {@code RETRYING}
 * @param lastError
 *            the most recent error, null when none
 * @param details
 *            further facts for operators (positions, counts, times)
 */
public record SourceHealth(boolean ready, boolean failed, String state, String lastError,
        Map<String, Object> details) {
}
