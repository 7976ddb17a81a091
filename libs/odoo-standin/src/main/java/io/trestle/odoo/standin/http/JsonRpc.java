package io.trestle.odoo.standin.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.python.PythonJson;

/**
 * The JSON-RPC 2.0 layer of Odoo's {@code type='json'} routes: the checks before dispatch (content type, JSON body) and
 * the envelopes, {@code {"jsonrpc", "id", "result"}} or {@code {"jsonrpc", "id", "error"}}, always HTTP 200.
 */
final class JsonRpc {

    private static final Set<String> MIME_TYPES = Set.of("application/json", "application/json-rpc");

    /** A request body that passed the checks: its id and params. */
    record Call(Object id, Map<String, Object> params) {
    }

    private JsonRpc() {
    }

    /** The call, or the HTTP 400 Odoo answers before any dispatch. */
    @SuppressWarnings("unchecked")
    static Object parse(HttpRequest request) {
        if (!MIME_TYPES.contains(request.mimeType())) {
            return WerkzeugPages.wrongRouteType(request.path(), "json");
        }
        Object body;
        try {
            body = PythonJson.parse(request.body());
        } catch (PythonJson.InvalidJsonException e) {
            return HttpAnswer.html(400, "Invalid JSON data");
        }
        if (!(body instanceof Map<?, ?> envelope)) {
            return HttpAnswer.html(400, "Invalid JSON-RPC data");
        }
        Object params = envelope.get("params");
        Map<String, Object> values = params instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
        return new Call(envelope.get("id"), values);
    }

    static HttpAnswer result(Object id, Object result) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("result", result);
        return HttpAnswer.json(200, response);
    }

    static HttpAnswer error(Object id, OdooError error) {
        boolean sessionExpired = error.pythonClass().equals("odoo.http.SessionExpiredException");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", error.pythonClass());
        data.put("debug", error.debug());
        data.put("message", error.odooMessage());
        data.put("arguments", error.arguments());
        data.put("context", Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", sessionExpired ? 100 : 200);
        body.put("message", sessionExpired ? "Odoo Session Expired" : "Odoo Server Error");
        body.put("data", data);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", body);
        return HttpAnswer.json(200, response);
    }

    /** The Odoo error for a failure of the stand-in itself, so a client sees it as a server error. */
    static OdooError internalError(RuntimeException e) {
        return new OdooError("builtins.RuntimeError",
                List.of("The Odoo stand-in failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()), 500);
    }
}
