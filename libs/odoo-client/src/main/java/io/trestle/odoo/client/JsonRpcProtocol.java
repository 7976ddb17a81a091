package io.trestle.odoo.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Odoo 14–21 over {@code POST /jsonrpc}: {@code common.version}, {@code common.authenticate} and
 * {@code object.execute_kw(db, uid, key, model, method, args, kwargs)}. Errors come back with HTTP 200 and
 * {@code error.data.name}.
 */
final class JsonRpcProtocol implements Protocol {

    private static final System.Logger LOG = System.getLogger(JsonRpcProtocol.class.getName());
    private static final String PATH = "jsonrpc";

    /** One successful authentication; a new instance marks a renewed one. */
    private record Session(long uid) {
    }

    private final OdooClientConfig config;
    private final OdooHttp http;
    private final OdooErrors errors;
    private final Retrier retrier;
    private final CallTimer timer;
    private final AtomicLong requestIds = new AtomicLong();
    private final Object authenticationLock = new Object();
    private volatile Session session;

    JsonRpcProtocol(OdooClientConfig config, OdooHttp http, OdooErrors errors, Retrier retrier, CallTimer timer) {
        this.config = config;
        this.http = http;
        this.errors = errors;
        this.retrier = retrier;
        this.timer = timer;
    }

    @Override
    public OdooServerVersion version() {
        return timer.time(null, "version",
                () -> retrier.run(null, "version", true, () -> parseVersion(call("common", "version", List.of(),
                        null, "version"))));
    }

    @Override
    public long uid() {
        return currentSession().uid();
    }

    @Override
    public JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs, boolean idempotent) {
        Session used = currentSession();
        try {
            return executeKw(used, model, method, args, kwargs, idempotent);
        } catch (OdooAuthenticationException refused) {
            // AccessDenied cannot tell a revoked key from a uid that no longer belongs to the login; authenticating
            // again tells them apart (false: key refused, a uid: repeat once). A second refusal reaches the caller.
            LOG.log(Level.WARNING, "Odoo refused the credentials of login {0} on {1}.{2}; authenticating again",
                    config.login(), model, method);
            Session renewed = renewSession(used);
            return executeKw(renewed, model, method, args, kwargs, idempotent);
        }
    }

    private JsonNode executeKw(Session session, String model, String method, List<?> args, Map<String, ?> kwargs,
            boolean idempotent) {
        List<Object> executeArgs = Arrays.asList(config.database(), session.uid(), config.apiKey(), model, method,
                args, kwargs);
        return retrier.run(model, method, idempotent, () -> call("object", "execute_kw", executeArgs, model, method));
    }

    private Session currentSession() {
        Session current = session;
        return current != null ? current : renewSession(null);
    }

    /** Authenticates unless another thread has already replaced {@code stale}: a login costs Odoo about 1 s of CPU. */
    private Session renewSession(Session stale) {
        synchronized (authenticationLock) {
            if (session != null && session != stale) {
                return session;
            }
            session = null;
            session = new Session(authenticate());
            return session;
        }
    }

    private long authenticate() {
        return timer.time(null, "authenticate", () -> {
            JsonNode result = retrier.run(null, "authenticate", true, () -> call("common", "authenticate",
                    List.of(config.database(), config.login(), config.apiKey(), Map.of()), null, "authenticate"));
            if (!result.isIntegralNumber()) {
                // Odoo answers a wrong login or key with a plain false, not an error.
                throw new OdooAuthenticationException(null, "Odoo refused login '" + config.login()
                        + "' on database '" + config.database() + "' (authenticate returned " + result
                        + "): wrong login or API key, or the key expired", null, "authenticate", null);
            }
            LOG.log(Level.DEBUG, "Authenticated login {0} on database {1} as uid {2}", config.login(),
                    config.database(), result.asLong());
            return result.asLong();
        });
    }

    /** One JSON-RPC exchange; returns {@code result} or throws what {@code error} says. */
    private JsonNode call(String service, String method, List<?> args, String model, String calledMethod) {
        ObjectNode request = OdooJson.MAPPER.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("method", "call")
                .put("id", requestIds.incrementAndGet());
        request.putObject("params").put("service", service).put("method", method).set("args", OdooJson.toTree(args));
        OdooHttp.Response response = http.post(PATH, Map.of(), OdooJson.write(request), model, calledMethod);
        if (response.status() != 200) {
            throw errors.httpStatus(response.status(), response.body(), response.retryAfter(), model, calledMethod);
        }
        JsonNode body = parse(response, model, calledMethod);
        JsonNode error = body.get("error");
        if (error != null) {
            JsonNode data = error.path("data");
            String message = data.hasNonNull("message") ? data.get("message").asText() : error.path("message").asText();
            throw errors.reported(data.path("name").textValue(), message, 200, null, model, calledMethod);
        }
        if (!body.has("result")) {
            throw errors.unreadable("JSON-RPC response without result or error", model, calledMethod, null);
        }
        return body.get("result");
    }

    private JsonNode parse(OdooHttp.Response response, String model, String method) {
        try {
            return OdooJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw errors.unreadable("not a JSON-RPC response (HTTP 200, "
                    + response.contentType().orElse("no content type") + ") at " + PATH, model, method, e);
        }
    }

    private static OdooServerVersion parseVersion(JsonNode result) {
        return new OdooServerVersion(result.path("server_version").asText(),
                ServerVersions.major(result.path("server_version_info").path(0)),
                result.path("server_serie").asText());
    }
}
