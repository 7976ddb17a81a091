package io.trestle.odoo.standin.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.python.PythonJson;
import io.trestle.odoo.standin.rpc.OdooServices;
import io.trestle.odoo.standin.security.Credentials;

/**
 * {@code POST /json/2/<model>/<method>}, modelled on Odoo 19's documented JSON-2 API: a bearer API key, named
 * arguments, the bare result as the body, and errors as HTTP 4xx/5xx with {@code {"name", "message", "arguments",
 * "context", "debug"}}.
 */
final class Json2Endpoint {

    static final String PREFIX = "/json/2";

    private final OdooServices services;
    private final Credentials credentials;
    private final Database database;

    Json2Endpoint(OdooServices services, Credentials credentials, Database database) {
        this.services = services;
        this.credentials = credentials;
        this.database = database;
    }

    HttpAnswer handle(HttpRequest request) {
        String[] segments = request.path().substring(PREFIX.length()).split("/");
        if (!request.method().equals("POST") || segments.length != 3 || !segments[0].isEmpty()) {
            return error(OdooError.http("NotFound", 404, "Did you mean POST /json/2/<model>/<method>?"));
        }
        String model = segments[1];
        String method = segments[2];
        HttpAnswer.CallName name = new HttpAnswer.CallName(model, method);
        Optional<String> databaseHeader = request.header("X-Odoo-Database");
        if (databaseHeader.isPresent() && !databaseHeader.get().equals(services.databaseName())) {
            return error(
                    OdooError.http("NotFound", 404, "The requested URL was not found on the server. If you entered the "
                            + "URL manually please check your spelling and try again."));
        }
        Optional<Integer> uid = bearerKey(request).flatMap(key -> database.locked(() -> credentials.uidOfApiKey(key)));
        if (uid.isEmpty()) {
            return error(OdooError.http("Unauthorized", 401, "Invalid apikey")).withCall(name,
                    Optional.of("werkzeug.exceptions.Unauthorized"));
        }
        if (request.body().length > 0 && !request.mimeType().equals("application/json")) {
            return WerkzeugPages.wrongRouteType(request.path(), "json2");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (request.body().length > 0) {
            try {
                if (PythonJson.parse(request.body()) instanceof Map<?, ?> body) {
                    body.forEach((key, value) -> arguments.put(String.valueOf(key), value));
                }
            } catch (PythonJson.InvalidJsonException e) {
                return error(OdooError.http("BadRequest", 400, "could not parse the body as json: " + e.getMessage()));
            }
        }
        try {
            return HttpAnswer.json(200, services.callJson2(uid.get(), model, method, arguments)).withCall(name,
                    Optional.empty());
        } catch (OdooError e) {
            return error(e).withCall(name, Optional.of(e.pythonClass()));
        } catch (RuntimeException e) {
            OdooError internal = JsonRpc.internalError(e);
            return error(internal).withCall(name, Optional.of(internal.pythonClass()));
        }
    }

    private static Optional<String> bearerKey(HttpRequest request) {
        String authorization = request.header("Authorization").orElse("").strip();
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(space + 1).strip());
    }

    private static HttpAnswer error(OdooError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", error.pythonClass());
        body.put("message", error.odooMessage());
        body.put("arguments", error.arguments());
        body.put("context", Map.of());
        body.put("debug", error.debug());
        return HttpAnswer.json(error.json2Status(), body);
    }
}
