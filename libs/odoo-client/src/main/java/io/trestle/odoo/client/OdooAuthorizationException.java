package io.trestle.odoo.client;

/** The user lacks an access right ({@code AccessError}, HTTP 403). */
public class OdooAuthorizationException extends OdooException {

    public OdooAuthorizationException(String odooErrorName, String odooMessage, String model, String method,
            Throwable cause) {
        super(OdooErrorClass.AUTHORIZATION, odooErrorName, odooMessage, model, method, cause);
    }
}
