package io.trestle.odoo.client;

import java.util.Locale;
import java.util.Optional;

/**
 * Which {@link OdooErrorClass} an Odoo failure belongs to, from the Python exception Odoo names
 * ({@code error.data.name} over JSON-RPC, {@code name} over JSON-2) and, where that says nothing, the HTTP status. The
 * table and the message rules are documented in the module README; the recorded Odoo 17 errors are the evidence.
 */
final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /**
     * @param httpStatus
     *            200 for JSON-RPC errors, which Odoo always sends with 200
     */
    static OdooErrorClass classify(String name, String message, int httpStatus) {
        return byName(name, message == null ? "" : message).orElseGet(() -> byStatus(httpStatus));
    }

    /** The class of a failure reported only by an HTTP status (proxy errors, non-JSON bodies). */
    static OdooErrorClass byStatus(int status) {
        if (status == 408 || status == 429 || status >= 500) {
            return OdooErrorClass.TRANSIENT;
        }
        return switch (status) {
            case 401 -> OdooErrorClass.AUTHENTICATION;
            case 403 -> OdooErrorClass.AUTHORIZATION;
            case 422 -> OdooErrorClass.VALIDATION;
            // 400 (malformed request), 404 (wrong URL, unknown model or method) and anything unexpected: the
            // request itself is wrong, so repeating it cannot help.
            default -> OdooErrorClass.CONFIGURATION;
        };
    }

    /** Whether a server that failed with this status may have executed the request before failing. */
    static boolean outcomeUnknownForStatus(int status) {
        // 429 and 503 are refusals before any work; a 500, 502 or 504 may come after Odoo committed.
        return status >= 500 && status != 503;
    }

    private static Optional<OdooErrorClass> byName(String name, String message) {
        if (isConcurrencyFailure(message)) {
            return Optional.of(OdooErrorClass.TRANSIENT);
        }
        if (name == null || name.startsWith("werkzeug.exceptions.")) {
            return werkzeug(name);
        }
        return Optional.of(switch (name) {
            case "odoo.exceptions.AccessDenied", "odoo.http.SessionExpiredException" -> OdooErrorClass.AUTHENTICATION;
            case "odoo.exceptions.AccessError" -> message.startsWith("Private methods")
                    ? OdooErrorClass.CONFIGURATION
                    : OdooErrorClass.AUTHORIZATION;
            case "odoo.exceptions.MissingError" -> OdooErrorClass.MISSING_RECORD;
            case "odoo.exceptions.ValidationError" -> OdooErrorClass.VALIDATION;
            // UserError is Odoo's generic business refusal; only "Object x doesn't exist" is about the setup.
            case "odoo.exceptions.UserError", "odoo.exceptions.RedirectWarning" -> message.startsWith("Object ")
                    && message.contains(" doesn't exist") ? OdooErrorClass.CONFIGURATION : OdooErrorClass.VALIDATION;
            // ValueError covers both a field the mapping names wrongly and a value Odoo refuses; only the message
            // tells them apart, and Odoo words every unknown-field case "Invalid field ...".
            case "builtins.ValueError" -> message.startsWith("Invalid field")
                    ? OdooErrorClass.CONFIGURATION
                    : OdooErrorClass.VALIDATION;
            case "psycopg2.errors.SerializationFailure", "psycopg2.errors.DeadlockDetected",
                    "psycopg2.errors.LockNotAvailable", "psycopg2.extensions.TransactionRollbackError",
                    "odoo.exceptions.ConcurrencyError" ->
                OdooErrorClass.TRANSIENT;
            // Odoo cannot reach its database: a missing database is a setup error, anything else (restart,
            // too many connections) passes.
            case "psycopg2.OperationalError" -> message.contains("does not exist")
                    ? OdooErrorClass.CONFIGURATION
                    : OdooErrorClass.TRANSIENT;
            // AttributeError (unknown method), KeyError (unknown field in load, unknown service), IndexError and
            // TypeError (arguments that do not fit the method), and any exception not known here: Odoo processed
            // the request and refused it deterministically, so a person has to look.
            default -> OdooErrorClass.CONFIGURATION;
        });
    }

    private static Optional<OdooErrorClass> werkzeug(String name) {
        if ("werkzeug.exceptions.UnprocessableEntity".equals(name)) {
            // JSON-2 answers 422 when the named arguments do not fit the method's signature.
            return Optional.of(OdooErrorClass.CONFIGURATION);
        }
        return Optional.empty();
    }

    private static boolean isConcurrencyFailure(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("could not serialize access") || lower.contains("deadlock detected");
    }
}
