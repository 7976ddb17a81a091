package io.trestle.odooconnector.source.cdc;

import java.time.Instant;
import java.util.Optional;

/**
 * What the change-data-capture source is doing, for health checks.
 *
 * @param lastError
 *            why the source failed, when it did
 * @param lastTransaction
 *            when the last transaction handed over was committed in Odoo's database
 */
public record CdcStatus(Phase phase, Optional<String> lastError, Optional<Instant> lastTransaction) {

    public enum Phase {
        /** Created, or checking the database and starting Debezium. */
        STARTING,
        /** Debezium runs but reports neither a snapshot nor a streaming connection (e.g. between the two). */
        RUNNING,
        /** Reading the existing rows (first start, or the slot lost the stored position). */
        SNAPSHOTTING,
        /** Connected to the replication slot and handing over transactions as they commit. */
        STREAMING,
        /** Stopped by an error: see {@link CdcStatus#lastError()}; a new source resumes after the last hand-over. */
        FAILED,
        /** Closed. */
        STOPPED
    }
}
