package io.trestle.odoo.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Odoo 19+ over {@code POST /json/2/<model>/<method>}: the API key as bearer token, named arguments, the bare result in
 * the body and errors as HTTP 4xx/5xx with {@code {name, message, arguments, context, debug}}. Each call is its own
 * transaction, and there is no login: the key names the user.
 */
final class Json2Protocol implements Protocol {

    private final OdooClientConfig config;
    private final OdooHttp http;
    private final OdooErrors errors;
    private final Retrier retrier;
    private final CallTimer timer;
    private volatile Long uid;

    Json2Protocol(OdooClientConfig config, OdooHttp http, OdooErrors errors, Retrier retrier, CallTimer timer) {
        this.config = config;
        this.http = http;
        this.errors = errors;
        this.retrier = retrier;
        this.timer = timer;
    }

    /** {@code GET /web/version}, which replaces {@code common.version} from Odoo 19 on. */
    @Override
    public OdooServerVersion version() {
        return timer.time(null, "version", () -> retrier.run(null, "version", true, () -> {
            OdooHttp.Response response = http.get("web/version", null, "version");
            if (response.status() != 200) {
                throw errors.httpStatus(response.status(), response.body(), response.retryAfter(), null, "version");
            }
            JsonNode body = parse(response, null, "version");
            String version = body.path("version").asText();
            return new OdooServerVersion(version, ServerVersions.major(body.path("version_info").path(0)), version);
        }));
    }

    /** The user the API key belongs to, from {@code res.users.context_get} as Odoo's migration guide advises. */
    @Override
    public long uid() {
        Long known = uid;
        if (known == null) {
            JsonNode context = timer.time("res.users", "context_get",
                    () -> execute("res.users", "context_get", List.of(), Map.of(), true));
            if (!context.path("uid").isIntegralNumber()) {
                throw errors.unreadable("res.users.context_get answered without uid: " + context, "res.users",
                        "context_get", null);
            }
            known = context.get("uid").asLong();
            uid = known;
        }
        return known;
    }

    @Override
    public JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs, boolean idempotent) {
        byte[] body = OdooJson.write(Json2Arguments.named(method, args, kwargs));
        Map<String, String> headers = Map.of("Authorization", "bearer " + config.apiKey(), "X-Odoo-Database",
                config.database());
        return retrier.run(model, method, idempotent, () -> {
            OdooHttp.Response response = http.post("json/2/" + model + "/" + method, headers, body, model, method);
            if (response.status() == 200) {
                return parse(response, model, method);
            }
            throw error(response, model, method);
        });
    }

    private OdooException error(OdooHttp.Response response, String model, String method) {
        JsonNode body;
        try {
            body = OdooJson.MAPPER.readTree(response.body());
        } catch (IOException notJson) {
            return errors.httpStatus(response.status(), response.body(), response.retryAfter(), model, method);
        }
        if (body != null && body.isObject() && body.hasNonNull("name")) {
            return errors.reported(body.get("name").asText(), body.path("message").asText(), response.status(),
                    response.retryAfter(), model, method);
        }
        if (body != null && body.isTextual()) {
            // Early Odoo 19 builds answered errors with a bare JSON string such as "Invalid apikey".
            return errors.reported(null, body.asText(), response.status(), response.retryAfter(), model, method);
        }
        return errors.httpStatus(response.status(), response.body(), response.retryAfter(), model, method);
    }

    private JsonNode parse(OdooHttp.Response response, String model, String method) {
        try {
            return OdooJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw errors.unreadable("not a JSON answer (HTTP " + response.status() + ", "
                    + response.contentType().orElse("no content type") + ")", model, method, e);
        }
    }

}
