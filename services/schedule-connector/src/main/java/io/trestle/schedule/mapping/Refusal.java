package io.trestle.schedule.mapping;

import java.util.List;

import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schema.common.ExternalId;

/**
 * A change that cannot become an event, to be quarantined with its reason and replayed once fixed.
 *
 * @param reasonCode
 *            a code of the quarantine catalogue in the schemas README
 * @param unresolvedIds
 *            the external ids without an active crosswalk mapping (reason {@code UNMAPPED_EXTERNAL_ID})
 */
public record Refusal(ScheduleChange change, String reasonCode, String message, List<ExternalId> unresolvedIds) {

    public static final String UNMAPPED_EXTERNAL_ID = "UNMAPPED_EXTERNAL_ID";
    public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";
    public static final String INCONSISTENT_DATES = "INCONSISTENT_DATES";

    public Refusal {
        unresolvedIds = List.copyOf(unresolvedIds);
    }
}
