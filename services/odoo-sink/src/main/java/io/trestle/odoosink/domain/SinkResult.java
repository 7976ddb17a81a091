package io.trestle.odoosink.domain;

import io.trestle.schema.operations.ErrorClass;

/** What became of one consumed record of any input, as the sink loop publishes and counts it. */
public sealed interface SinkResult {

    Consumed input();

    /** The Odoo model the record was (or would have been) written to. */
    String model();

    /**
     * Odoo holds the record under {@code externalId} (null when the record is addressed by its database id); a
     * redelivery updates that same record.
     */
    record Posted(Consumed input, String model, long odooId, String externalId) implements SinkResult {
    }

    /**
     * Odoo already held what the event asks for, so nothing was written: a repeated fault of a machine whose open
     * maintenance request already covers it, say.
     *
     * @param why
     *            for the log and the outcome's message
     */
    record AlreadyPosted(Consumed input, String model, long odooId, String why) implements SinkResult {
    }

    /**
     * The event asks nothing of Odoo (a fault that is only a warning, say); it is committed without a write and without
     * an outcome, and counted.
     */
    record Skipped(Consumed input, String model, String why) implements SinkResult {
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
