package io.trestle.odoo.client;

/**
 * The integration is set up wrongly: unknown database, model, method or field, or a malformed request. A person must
 * fix it; repeating the call cannot help.
 */
public class OdooConfigurationException extends OdooException {

    public OdooConfigurationException(String odooErrorName, String odooMessage, String model, String method,
            Throwable cause) {
        super(OdooErrorClass.CONFIGURATION, odooErrorName, odooMessage, model, method, cause);
    }
}
