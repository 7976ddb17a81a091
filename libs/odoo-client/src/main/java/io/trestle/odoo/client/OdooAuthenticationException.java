package io.trestle.odoo.client;

/** The login or API key was refused ({@code AccessDenied}, {@code authenticate} returning {@code false}, HTTP 401). */
public class OdooAuthenticationException extends OdooException {

    public OdooAuthenticationException(String odooErrorName, String odooMessage, String model, String method,
            Throwable cause) {
        super(OdooErrorClass.AUTHENTICATION, odooErrorName, odooMessage, model, method, cause);
    }
}
