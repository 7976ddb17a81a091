package io.trestle.odoo.client;

/** What a failed call means for the caller; see the module README for which Odoo error lands where. */
public enum OdooErrorClass {

    /** Odoo or the network is unavailable for now; the same call may succeed later. */
    TRANSIENT,
    /** The login or API key was refused. */
    AUTHENTICATION,
    /** The user lacks the access right for this model or record. */
    AUTHORIZATION,
    /** Odoo rejected the values of this record (required field missing, bad selection or number). */
    VALIDATION,
    /** A record the call names, or one its values point to, does not exist. */
    MISSING_RECORD,
    /** The integration is set up wrongly (unknown database, model, method or field): a person must fix it. */
    CONFIGURATION;

    /** The tag value used in metrics, e.g. {@code missing_record}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
