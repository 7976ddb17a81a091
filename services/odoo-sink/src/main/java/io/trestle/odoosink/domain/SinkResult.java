package io.trestle.odoosink.domain;

import io.trestle.schema.operations.ErrorClass;

/** What became of one consumed record of any input, as the sink loop publishes and counts it. */
public sealed interface SinkResult {

    Consumed input();

    /** The Odoo model the record was (or would have been) written to. */
    String model();

    /** Odoo holds the record under {@code externalId}; a redelivery updates that same record. */
    record Posted(Consumed input, String model, long odooId, String externalId) implements SinkResult {
    }

    /**
     * Refused for good: retrying cannot help, a person has to fix the data or the mapping.
     *
     * @param reasonCode
     *            quarantine reason code of the schemas catalogue
     * @param errorName
     *            Odoo's error name ({@code data.name}) when Odoo refused it, null when the sink did
     */
    record Rejected(Consumed input, String model, String reasonCode, ErrorClass errorClass, String errorName,
            String message) implements SinkResult {
    }
}
