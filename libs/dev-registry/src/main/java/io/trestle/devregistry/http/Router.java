package io.trestle.devregistry.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a method and path segments to a handler, by templates like {@code groups/{groupId}/artifacts}. */
final class Router {

    @FunctionalInterface
    interface Handler {

        HttpResponse handle(HttpRequest request, Map<String, String> pathParams);
    }

    /** No route for the path (404) or none for the method on that path (405). */
    static final class NoRouteException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        NoRouteException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private record Route(String method, List<String> template, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router route(String method, String template, Handler handler) {
        routes.add(new Route(method, List.of(template.split("/")), handler));
        return this;
    }

    HttpResponse dispatch(HttpRequest request) {
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.template(), request.segments());
            if (params != null) {
                if (route.method().equals(request.method())) {
                    return route.handler().handle(request, params);
                }
                pathMatched = true;
            }
        }
        if (pathMatched) {
            throw new NoRouteException(405, "HTTP 405 Method Not Allowed");
        }
        throw new NoRouteException(404, "HTTP 404 Not Found");
    }

    private static Map<String, String> match(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
