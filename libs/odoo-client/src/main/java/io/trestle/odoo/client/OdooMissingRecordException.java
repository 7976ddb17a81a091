package io.trestle.odoo.client;

import java.util.List;

/**
 * A record the call names, or one its values point to, does not exist ({@code MissingError}, or a {@code read} that
 * returned fewer rows than ids).
 */
public class OdooMissingRecordException extends OdooException {

    private final List<Long> missingIds;

    /**
     * @param missingIds
     *            the ids known to be missing; empty when Odoo did not say which (its message names the record)
     */
    public OdooMissingRecordException(String odooErrorName, String odooMessage, String model, String method,
            List<Long> missingIds, Throwable cause) {
        super(OdooErrorClass.MISSING_RECORD, odooErrorName, odooMessage, model, method, cause);
        this.missingIds = List.copyOf(missingIds);
    }

    public List<Long> missingIds() {
        return missingIds;
    }
}
