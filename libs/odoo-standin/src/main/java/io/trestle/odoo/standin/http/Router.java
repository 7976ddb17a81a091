package io.trestle.odoo.standin.http;

/** Sends each request to its endpoint by path, as Odoo's routing map does. */
final class Router {

    private final JsonRpcEndpoint jsonRpc;
    private final WebClientEndpoint webClient;
    private final Json2Endpoint json2;
    private final ControlEndpoint controls;

    Router(JsonRpcEndpoint jsonRpc, WebClientEndpoint webClient, Json2Endpoint json2, ControlEndpoint controls) {
        this.jsonRpc = jsonRpc;
        this.webClient = webClient;
        this.json2 = json2;
        this.controls = controls;
    }

    static boolean isControl(String path) {
        return path.equals(ControlEndpoint.PREFIX) || path.startsWith(ControlEndpoint.PREFIX + "/");
    }

    HttpAnswer route(HttpRequest request) {
        String path = request.path();
        if (isControl(path)) {
            return controls.handle(request);
        }
        if (path.equals("/jsonrpc")) {
            return jsonRpc.handle(request);
        }
        if (path.equals("/web/session/authenticate")) {
            return webClient.authenticate(request);
        }
        if (path.equals("/web/dataset/call_kw") || path.startsWith("/web/dataset/call_kw/")) {
            return webClient.callKw(request);
        }
        if (path.equals(Json2Endpoint.PREFIX) || path.startsWith(Json2Endpoint.PREFIX + "/")) {
            return json2.handle(request);
        }
        return WerkzeugPages.notFound();
    }
}
