package io.trestle.odoo.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to Odoo failed. {@link #errorClass()} says what kind of failure it is; the subclass matches it so callers can
 * catch by type.
 */
public class OdooException extends RuntimeException {

    private final OdooErrorClass errorClass;
    private final String odooErrorName;
    private final String odooMessage;
    private final String model;
    private final String method;

    /**
     * @param odooErrorName
     *            the Python exception Odoo named ({@code error.data.name} or the JSON-2 {@code name}), or {@code null}
     *            when the failure was not reported by Odoo (network, HTTP status, silent failure)
     * @param odooMessage
     *            Odoo's own message, kept verbatim
     * @param model
     *            the model called, or {@code null} for the {@code common} service
     */
    protected OdooException(OdooErrorClass errorClass, String odooErrorName, String odooMessage, String model,
            String method, Throwable cause) {
        super(describe(errorClass, odooErrorName, odooMessage, model, method), cause);
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
        this.odooErrorName = odooErrorName;
        this.odooMessage = odooMessage;
        this.model = model;
        this.method = method;
    }

    public OdooErrorClass errorClass() {
        return errorClass;
    }

    /** {@code error.data.name}, e.g. {@code odoo.exceptions.ValidationError}, or {@code null}. */
    public String odooErrorName() {
        return odooErrorName;
    }

    /** Odoo's message verbatim (or the client's description of a failure Odoo did not describe). */
    public String odooMessage() {
        return odooMessage;
    }

    public String model() {
        return model;
    }

    public String method() {
        return method;
    }

    /** Only transient failures can succeed when repeated unchanged. */
    public boolean retryable() {
        return errorClass == OdooErrorClass.TRANSIENT;
    }

    /** How long the server asked the caller to wait ({@code Retry-After} on 429/503). */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    private static String describe(OdooErrorClass errorClass, String odooErrorName, String odooMessage,
            String model, String method) {
        String call = model == null ? method : model + "." + method;
        String name = odooErrorName == null ? "" : ", " + odooErrorName;
        return "Odoo " + call + " failed (" + errorClass.tag() + name + "): " + odooMessage;
    }
}
