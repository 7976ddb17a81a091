package io.trestle.odoo.standin.error;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.python.PythonRepr;

/**
 * A Python exception as Odoo serialises it to RPC clients: its qualified class name ({@code data.name}), its arguments,
 * and the HTTP status Odoo 19's JSON-2 endpoint gives it. The factories carry Odoo 17's wording.
 */
public final class OdooError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String WERKZEUG = "werkzeug.exceptions.";
    private static final String TRACEBACK_HEAD = "Traceback (most recent call last):\n  ...\n";

    private final String pythonClass;
    private final List<Object> arguments;
    private final int json2Status;
    private final transient Map<String, Object> importMessage;

    public OdooError(String pythonClass, List<Object> arguments, int json2Status) {
        this(pythonClass, arguments, json2Status, null);
    }

    private OdooError(String pythonClass, List<Object> arguments, int json2Status, Map<String, Object> importMessage) {
        super(pythonClass + ": " + (arguments.isEmpty() ? "" : arguments.get(0)));
        this.pythonClass = pythonClass;
        this.arguments = List.copyOf(arguments);
        this.json2Status = json2Status;
        this.importMessage = importMessage;
    }

    /**
     * Marks the error as a PostgreSQL constraint violation. Odoo reports those as ValidationErrors to RPC callers, but
     * {@code load} catches them per row and reports {@code importMessage} instead.
     */
    public OdooError fromDatabase(Map<String, Object> message) {
        return new OdooError(pythonClass, arguments, json2Status, Map.copyOf(message));
    }

    /** The per-row message {@code load} reports for a constraint violation; empty for other errors. */
    public Optional<Map<String, Object>> importMessage() {
        return Optional.ofNullable(importMessage);
    }

    private static OdooError of(String pythonClass, int json2Status, String message) {
        return new OdooError(pythonClass, List.of(message), json2Status);
    }

    public static OdooError valueError(String message) {
        return of("builtins.ValueError", 500, message);
    }

    public static OdooError keyError(String key) {
        return of("builtins.KeyError", 500, key);
    }

    public static OdooError indexError(String message) {
        return of("builtins.IndexError", 500, message);
    }

    public static OdooError typeError(String message) {
        return of("builtins.TypeError", 500, message);
    }

    public static OdooError attributeError(String message) {
        return of("builtins.AttributeError", 500, message);
    }

    public static OdooError nameError(String message) {
        return of("builtins.NameError", 500, message);
    }

    /** For Odoo features the stand-in deliberately lacks, so a client never mistakes the gap for Odoo's answer. */
    public static OdooError notImplemented(String message) {
        return of("builtins.NotImplementedError", 500, message);
    }

    public static OdooError userError(String message) {
        return of("odoo.exceptions.UserError", 422, message);
    }

    public static OdooError accessDenied() {
        return of("odoo.exceptions.AccessDenied", 403, "Access Denied");
    }

    public static OdooError accessError(String message) {
        return of("odoo.exceptions.AccessError", 403, message);
    }

    public static OdooError missingError(String message) {
        return of("odoo.exceptions.MissingError", 404, message);
    }

    public static OdooError validationError(String message) {
        return of("odoo.exceptions.ValidationError", 422, message);
    }

    /** What psycopg2 raises when the database named in the call does not exist on the PostgreSQL server. */
    public static OdooError unknownDatabase(String database) {
        return of("psycopg2.OperationalError", 500,
                "connection to server at \"127.0.0.1\", port 55432 failed: FATAL:  database \"" + database
                        + "\" does not exist\n");
    }

    /** PostgreSQL's answer to a transaction that lost a concurrent update, once Odoo has given up retrying it. */
    public static OdooError serializationFailure() {
        return of("psycopg2.errors.SerializationFailure", 500, "could not serialize access due to concurrent update\n");
    }

    public static OdooError integerOutOfRange() {
        return of("psycopg2.errors.NumericValueOutOfRange", 500, "integer out of range\n");
    }

    /** A werkzeug HTTP exception, as Odoo 19's JSON-2 endpoint raises for unknown models and unbound arguments. */
    public static OdooError http(String werkzeugName, int status, String description) {
        return new OdooError(WERKZEUG + werkzeugName, List.of(description, status), status);
    }

    public static OdooError sessionExpired() {
        return of("odoo.http.SessionExpiredException", 403, "Session expired");
    }

    /** The fully qualified class name: {@code data.name} in JSON-RPC, {@code name} in JSON-2. */
    public String pythonClass() {
        return pythonClass;
    }

    public List<Object> arguments() {
        return arguments;
    }

    /** Odoo puts the first argument in {@code message} (a KeyError's key without quotes). */
    public String odooMessage() {
        return arguments.isEmpty() ? "" : String.valueOf(arguments.get(0));
    }

    /**
     * The traceback, shortened as in the recording to its last line: the exception line, or for a multi-line message
     * the message's last line.
     */
    public String debug() {
        String simpleName = pythonClass.startsWith("builtins.")
                ? pythonClass.substring("builtins.".length())
                : pythonClass;
        String[] lines = (simpleName + ": " + pythonStr()).split("\n");
        String last = "";
        for (String line : lines) {
            if (!line.isEmpty()) {
                last = line;
            }
        }
        return TRACEBACK_HEAD + last;
    }

    public int json2Status() {
        return json2Status;
    }

    private String pythonStr() {
        if (arguments.isEmpty()) {
            return "";
        }
        if (pythonClass.equals("builtins.KeyError")) {
            return PythonRepr.repr(arguments.get(0));
        }
        if (pythonClass.startsWith(WERKZEUG) && arguments.size() == 2) {
            // werkzeug's HTTPException reads "401 Unauthorized: Invalid apikey".
            String phrase = pythonClass.substring(WERKZEUG.length()).replaceAll("([a-z])([A-Z])", "$1 $2");
            return arguments.get(1) + " " + phrase + ": " + arguments.get(0);
        }
        if (arguments.size() == 1) {
            return String.valueOf(arguments.get(0));
        }
        return PythonRepr.tuple(arguments);
    }
}
