package io.trestle.odoo.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on a free local port that answers as a {@link Responder} decides and keeps every request it got. Like
 * Odoo it closes every connection after the answer.
 */
final class FakeOdoo implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet()
                    .stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        /** For JSON-RPC: {@code params.service + "." + params.method}, e.g. {@code common.authenticate}. */
        String rpc() {
            JsonNode params = json().path("params");
            return params.path("service").asText() + "." + params.path("method").asText();
        }

        boolean isRpc(String serviceAndMethod) {
            return path.equals("/jsonrpc") && rpc().equals(serviceAndMethod);
        }
    }

    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }

        static Reply recorded(Transcript.Exchange exchange) {
            return new Reply(exchange.httpStatus(), exchange.contentType(), exchange.responseBody(), Map.of());
        }

        /** A JSON-RPC result shaped as Odoo sends it. */
        static Reply result(String resultJson) {
            return json(200, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": " + resultJson + "}");
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, body, Map.copyOf(more));
        }
    }

    @FunctionalInterface
    interface Responder {

        /**
         * @param index
         *            0 for the first request the server receives
         */
        Reply reply(Request request, int index);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    private FakeOdoo(Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, responder));
        server.setExecutor(executor);
        server.start();
    }

    static FakeOdoo start(Responder responder) {
        try {
            return new FakeOdoo(responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String serviceAndMethod) {
        return requests.stream().filter(r -> r.isRpc(serviceAndMethod)).count();
    }

    private void answer(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Reply reply;
            try {
                reply = responder.reply(request, count.getAndIncrement());
            } catch (RuntimeException | AssertionError e) {
                reply = Reply.json(418, JSON.writeValueAsString("test responder failed: " + e));
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("Connection", "close");
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            exchange.getResponseBody().write(reply.body());
        }
    }

    /** The request without its {@code id}, which differs between any two runs. */
    static JsonNode withoutId(JsonNode rpcRequest) {
        ObjectNode copy = rpcRequest.deepCopy();
        copy.remove("id");
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
