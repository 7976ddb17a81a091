package io.trestle.odooconnector.source.cdc;

/**
 * Change-data-capture cannot start because of how Odoo's PostgreSQL or the connector is set up. The message says what
 * is wrong and how to fix it; retrying without a change does not help.
 */
public final class CdcSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CdcSetupException(String message) {
        super(message);
    }

    public CdcSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
