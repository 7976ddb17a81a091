package io.trestle.odoo.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Builds the typed exceptions. Every message passes through here, so this is also where the API key is scrubbed from
 * whatever a server or proxy echoes back.
 */
final class OdooErrors {

    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String apiKey;

    OdooErrors(String apiKey) {
        this.apiKey = apiKey;
    }

    /** An error Odoo described with the name of its Python exception. */
    OdooException reported(String name, String message, int httpStatus, Duration retryAfter, String model,
            String method) {
        OdooErrorClass errorClass = ErrorClassifier.classify(name, message, httpStatus);
        // A named error means Odoo ran the call and rolled its transaction back.
        boolean outcomeUnknown = name == null && ErrorClassifier.outcomeUnknownForStatus(httpStatus);
        return create(errorClass, name, scrub(message), model, method, retryAfter, outcomeUnknown, null);
    }

    /** A failure the server expressed only by its HTTP status, e.g. a proxy's 503 page or Odoo's 400 for bad JSON. */
    OdooException httpStatus(int status, byte[] body, Duration retryAfter, String model, String method) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_BODY_IN_MESSAGE) {
            text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
        }
        return create(ErrorClassifier.byStatus(status), null, "HTTP " + status + ": " + scrub(text), model, method,
                retryAfter, ErrorClassifier.outcomeUnknownForStatus(status), null);
    }

    /** The exchange failed below HTTP. */
    OdooException network(Exception e, String model, String method) {
        // Refused or timed-out connections never carried the request; anything later may have reached Odoo.
        boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
        String what = e instanceof HttpConnectTimeoutException
                ? "connect timeout"
                : e instanceof HttpTimeoutException
                        ? "read timeout"
                        : e instanceof ConnectException ? "connection refused" : "connection failed";
        return new OdooTransientException(null, what + ": " + scrub(String.valueOf(e.getMessage())), model, method,
                null, !notSent, e);
    }

    /** The server answered something that is not the protocol, e.g. an HTML page at the JSON-RPC URL. */
    OdooException unreadable(String what, String model, String method, Exception cause) {
        return new OdooConfigurationException(null, scrub(what), model, method, cause);
    }

    static OdooException create(OdooErrorClass errorClass, String name, String message, String model, String method,
            Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        return switch (errorClass) {
            case TRANSIENT -> new OdooTransientException(name, message, model, method, retryAfter, outcomeUnknown,
                    cause);
            case AUTHENTICATION -> new OdooAuthenticationException(name, message, model, method, cause);
            case AUTHORIZATION -> new OdooAuthorizationException(name, message, model, method, cause);
            case VALIDATION -> new OdooValidationException(name, message, model, method, cause);
            case MISSING_RECORD -> new OdooMissingRecordException(name, message, model, method, List.of(), cause);
            case CONFIGURATION -> new OdooConfigurationException(name, message, model, method, cause);
        };
    }

    String scrub(String text) {
        return text == null ? null : text.replace(apiKey, "****");
    }
}
