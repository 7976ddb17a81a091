package io.trestle.telemetry.topology;

import io.trestle.telemetry.domain.UsageDelta;

/** What the counter step makes of a reading: usage to window, or a finding a person has to review. */
sealed interface UsageOutcome {

    /** Usage of one asset within one window. */
    record Usage(UsageDelta delta) implements UsageOutcome {
    }

    /** A reading, or part of its usage, that is not charged, with a quarantine reason code and an explanation. */
    record Flagged(String reasonCode, String message, String readingJson) implements UsageOutcome {
    }
}
