package io.trestle.odoo.standin.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.rpc.OdooServices;

/** {@code POST /jsonrpc}: {@code {"service", "method", "args"}} to Odoo's RPC services. */
final class JsonRpcEndpoint {

    private final OdooServices services;

    JsonRpcEndpoint(OdooServices services) {
        this.services = services;
    }

    HttpAnswer handle(HttpRequest request) {
        Object parsed = JsonRpc.parse(request);
        if (parsed instanceof HttpAnswer rejected) {
            return rejected;
        }
        JsonRpc.Call call = (JsonRpc.Call) parsed;
        Map<String, Object> params = call.params();
        HttpAnswer.CallName name = callName(params);
        try {
            Object result = services.jsonrpc(params);
            return JsonRpc.result(call.id(), result).withCall(name, Optional.empty());
        } catch (OdooError e) {
            return JsonRpc.error(call.id(), e).withCall(name, Optional.of(e.pythonClass()));
        } catch (RuntimeException e) {
            OdooError internal = JsonRpc.internalError(e);
            return JsonRpc.error(call.id(), internal).withCall(name, Optional.of(internal.pythonClass()));
        }
    }

    /** For the request log: the model and method of an {@code object} call, else the service and method. */
    private static HttpAnswer.CallName callName(Map<String, Object> params) {
        Object service = params.get("service");
        Object method = params.get("method");
        if ("object".equals(service) && params.get("args") instanceof List<?> args && args.size() > 4
                && args.get(3) instanceof String model && args.get(4) instanceof String modelMethod) {
            return new HttpAnswer.CallName(model, modelMethod);
        }
        return service instanceof String s && method instanceof String m ? new HttpAnswer.CallName(s, m) : null;
    }
}
