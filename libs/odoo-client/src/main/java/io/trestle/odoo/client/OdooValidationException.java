package io.trestle.odoo.client;

/**
 * Odoo rejected the values of the record ({@code ValidationError}, a {@code ValueError} about a value, a business
 * {@code UserError}).
 */
public class OdooValidationException extends OdooException {

    public OdooValidationException(String odooErrorName, String odooMessage, String model, String method,
            Throwable cause) {
        super(OdooErrorClass.VALIDATION, odooErrorName, odooMessage, model, method, cause);
    }
}
