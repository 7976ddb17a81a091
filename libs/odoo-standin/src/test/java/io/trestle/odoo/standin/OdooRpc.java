package io.trestle.odoo.standin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal JSON-RPC client for the tests: calls, and Odoo's error envelope as an exception. */
final class OdooRpc {

    /** Odoo's {@code error.data}, as a JSON-RPC answer carries it. */
    static final class OdooRpcException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final transient Map<String, Object> data;

        OdooRpcException(Map<String, Object> data) {
            super(data.get("name") + ": " + data.get("message"));
            this.data = data;
        }

        String name() {
            return (String) data.get("name");
        }

        String odooMessage() {
            return (String) data.get("message");
        }
    }

    private final StandInHttp http;
    private final String database;
    private int nextId = 1;

    OdooRpc(OdooStandIn standIn) {
        this.http = new StandInHttp(standIn.url());
        this.database = standIn.database();
    }

    Object call(String service, String method, Object... args) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("method", method);
        params.put("args", List.of(args));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("method", "call");
        request.put("id", nextId++);
        request.put("params", params);
        StandInHttp.Response response = http.postJson("/jsonrpc", StandInHttp.write(request));
        if (response.status() != 200) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = (Map<String, Object>) response.json();
        if (envelope.containsKey("error")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) envelope.get("error");
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) error.get("data");
            throw new OdooRpcException(data);
        }
        return envelope.get("result");
    }

    Object execute(int uid, String secret, String model, String method, List<?> args, Map<String, ?> kwargs) {
        return call("object", "execute_kw", database, uid, secret, model, method, args, kwargs);
    }

    /** As admin (uid 2, password {@code admin}), with keyword arguments. */
    Object adminKw(String model, String method, List<?> args, Map<String, ?> kwargs) {
        return execute(2, "admin", model, method, args, kwargs);
    }

    /** As admin, with positional arguments only. */
    Object admin(String model, String method, Object... args) {
        return adminKw(model, method, List.of(args), Map.of());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> searchRead(String model, List<?> domain, Map<String, ?> kwargs) {
        return (List<Map<String, Object>>) adminKw(model, "search_read", List.of(domain), kwargs);
    }

    int login(String login, String password) {
        Object uid = call("common", "login", database, login, password);
        if (!(uid instanceof Integer id)) {
            throw new IllegalStateException("Login of " + login + " failed");
        }
        return id;
    }
}
