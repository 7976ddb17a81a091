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
 */
public record VendorStatus(String vendor, Optional<Instant> lastSuccessfulCycle, Optional<String> lastError,
        Optional<CycleResult.Outcome> lastOutcome, long readingsPublished, long readingsQuarantined, long requestsMade,
        int unresolvedMachines) {
}
