package io.trestle.equipment.service;

import java.time.Instant;
import java.util.Optional;

/**
 * The state of polling one vendor, for health and operations.
 *
 * @param readingsPublished
 *            since start
 * @param readingsQuarantined
 *            since start, readings of unknown machines and invalid readings
 * @param requestsMade
 *            to the vendor's API since start, token requests not included
 * @param unresolvedMachines
 *            machines of the last cycle the crosswalk does not know
 * @param readingsBackfilled
 *            since start, readings taken from time series to fill gaps in the snapshots (also counted as published)
 * @param backfillsPending
 *            back-fills (machine and element) the last cycle could not finish, holding back those snapshot readings
 * @param backfillsCapped
 *            since start, gaps back-filled only in part: longer than {@code backfill-max}, or of a machine without an
 *            id to ask its time series by
 * @param lastBackfillCap
 *            what the latest of those left unfilled
 * @param lastBackfillError
 *            why the latest back-fill that failed did
 */
public record VendorStatus(String vendor, Optional<Instant> lastSuccessfulCycle, Optional<String> lastError,
        Optional<CycleResult.Outcome> lastOutcome, long readingsPublished, long readingsQuarantined, long requestsMade,
        int unresolvedMachines, long readingsBackfilled, int backfillsPending, long backfillsCapped,
        Optional<String> lastBackfillCap, Optional<String> lastBackfillError) {
}
