package io.trestle.telemetry.topology;

import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.telemetry.domain.UsageRevision;

/** What changes an asset's windows: usage from its readings, and its reservations. */
sealed interface LedgerInput {

    record Usage(UsageRevision revision) implements LedgerInput {
    }

    record Reservation(ReservationChanged change) implements LedgerInput {
    }
}
