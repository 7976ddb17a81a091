package io.trestle.telemetry.topology;

import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.operations.UnallocatedUsageChanged;

/** What the ledger publishes when a window is posted or corrected, and what it cannot take. */
sealed interface LedgerOutput permits LedgerOutput.Posting, LedgerOutput.Unallocated, Finding {

    record Posting(CostPosting posting) implements LedgerOutput {
    }

    record Unallocated(UnallocatedUsageChanged event) implements LedgerOutput {
    }
}
