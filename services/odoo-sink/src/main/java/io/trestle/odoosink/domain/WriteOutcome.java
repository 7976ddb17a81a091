package io.trestle.odoosink.domain;

import io.trestle.schema.operations.ErrorClass;

/** What became of one posting in one batch. */
public sealed interface WriteOutcome {

    PendingPosting pending();

    /** Odoo holds the line under {@code externalId}; a redelivery updates that same line. */
    record Posted(PendingPosting pending, long odooId, String externalId) implements WriteOutcome {
    }

    /**
     * Refused for good: retrying cannot help, a person has to fix the data or the mapping.
     *
     * @param reasonCode
     *            quarantine reason code of the schemas catalogue
     * @param errorName
     *            Odoo's error name ({@code data.name}) when Odoo refused it, null when the sink did
     */
    record Rejected(PendingPosting pending, String reasonCode, ErrorClass errorClass, String errorName,
            String message) implements WriteOutcome {
    }
}
