package io.trestle.equipment.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.domain.TelemetryItem;

/**
 * What one polling cycle of a vendor did.
 *
 * @param readingsPublished
 *            back-filled readings included
 * @param readingsBackfilled
 *            readings taken from time series to fill a gap in the snapshots
 * @param backfillsPending
 *            back-fills (machine and element) this cycle could not finish; the snapshot readings of their elements wait
 *            for them
 * @param readingsQuarantined
 *            readings sent to quarantine and acknowledged, those of unknown machines and the invalid ones; a reading
 *            this poller quarantined before is not counted again
 * @param unresolved
 *            machines the crosswalk does not know, with their readings, none of them published as telemetry
 * @param retryNotBefore
 *            for {@link Outcome#DEFERRED}, when the request budget or the vendor's {@code Retry-After} allows the next
 *            request
 */
public record CycleResult(Outcome outcome, int pagesFetched, int readingsPublished, int readingsBackfilled,
        int backfillsPending, int readingsInvalid, int readingsQuarantined, List<UnresolvedMachine> unresolved,
        Optional<Instant> retryNotBefore, Optional<String> error) {

    public enum Outcome {
        /** Every page up to the last was read, its new readings published and the refused ones quarantined. */
        COMPLETED,
        /** Nothing requested: the crosswalk is not read to its end yet, so every machine would look unknown. */
        CROSSWALK_NOT_READY,
        /** Nothing requested: the stored poll positions are not read yet, so the snapshot would be published again. */
        POSITIONS_NOT_READY,
        /** Stopped at a request the budget or the vendor held back; the next cycle resumes at that page. */
        DEFERRED,
        /** Stopped by an error; the next cycle starts again from the first page. */
        FAILED
    }

    public record UnresolvedMachine(EquipmentIdentity identity, List<TelemetryItem> readings) {
    }
}
