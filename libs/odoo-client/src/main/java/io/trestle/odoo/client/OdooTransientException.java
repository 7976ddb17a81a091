package io.trestle.odoo.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Odoo or the network is unavailable for now (connection refused or reset, timeout, HTTP 5xx or 429, a database
 * serialization failure). Thrown once the client's own retries are used up.
 */
public class OdooTransientException extends OdooException {

    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    /**
     * @param retryAfter
     *            the server's {@code Retry-After}, or {@code null}
     * @param outcomeUnknown
     *            whether Odoo may have executed the call before it failed (timeout or reset after the request was
     *            sent), as opposed to having certainly not (connection refused, 429, 503, rolled back)
     */
    public OdooTransientException(String odooErrorName, String odooMessage, String model, String method,
            Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        super(OdooErrorClass.TRANSIENT, odooErrorName, odooMessage, model, method, cause);
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True when Odoo may have applied the call although the client saw a failure. Repeating a non-idempotent call
     * ({@code create}) then risks a duplicate, so the client does not do it on its own.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
