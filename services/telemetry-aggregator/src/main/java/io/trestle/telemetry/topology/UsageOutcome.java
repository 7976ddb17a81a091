package io.trestle.telemetry.topology;

import io.trestle.telemetry.domain.UsageRevision;

/** What the counter step makes of a reading: usage for the ledger, or a finding a person has to review. */
sealed interface UsageOutcome permits UsageOutcome.Usage, Finding {

    record Usage(UsageRevision revision) implements UsageOutcome {
    }
}
