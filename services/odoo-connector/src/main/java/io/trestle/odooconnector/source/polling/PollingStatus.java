package io.trestle.odooconnector.source.polling;

import java.time.Instant;
import java.util.Map;

import io.trestle.odooconnector.source.OdooModel;

/**
 * A snapshot of the polling source, for health checks and operators.
 *
 * @param lastSuccessfulCycle
 *            when a cycle last read every model to its end; null before the first
 * @param lastReconciliation
 *            when ids were last compared with Odoo's; null before the first
 * @param lastFailure
 *            the most recent failed cycle, kept after later cycles succeed; null when none failed
 * @param consecutiveFailures
 *            cycles failed since the last that succeeded; the source is behind while this is not 0
 */
public record PollingStatus(State state, Instant lastSuccessfulCycle, Instant lastReconciliation, Failure lastFailure,
        int consecutiveFailures, Map<OdooModel, ModelStatus> models) {

    public PollingStatus {
        models = Map.copyOf(models);
    }

    public enum State {
        /** Not started, or started and no cycle finished yet. */
        STARTING,
        /** The last cycle succeeded. */
        POLLING,
        /** The last cycle failed; the next one comes after a backoff. */
        RETRYING,
        CLOSED
    }

    /** A failed cycle: when, and what went wrong (Odoo's or Kafka's message; never a credential). */
    public record Failure(Instant at, String message) {
    }

    /**
     * @param cursor
     *            null before the model's first record was handed over
     * @param published
     *            records handed over since this source started, deletions included
     * @param deletions
     *            deletions handed over since this source started
     * @param known
     *            records handed over and not deleted, as stored on the positions topic
     */
    public record ModelStatus(Cursor cursor, long published, long deletions, int known) {
    }
}
