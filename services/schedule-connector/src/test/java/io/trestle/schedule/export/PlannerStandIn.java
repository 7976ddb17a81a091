package io.trestle.schedule.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A planner's import endpoint for tests: records every request it gets and answers what the test scripts (200 unless
 * told otherwise), on an ephemeral port of the loopback interface, or on a given one.
 */
public final class PlannerStandIn implements AutoCloseable {

    /** One request as the planner got it, with the status it answered. */
    public record Request(String path, String projectKey, String format, long version, String idempotencyKey,
            String contentType, String authorization, String contentDisposition, byte[] body, int status) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Request> answer = request -> 200;
    private volatile String retryAfter;

    private PlannerStandIn(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public static PlannerStandIn start() {
        return new PlannerStandIn(0);
    }

    public static PlannerStandIn start(int port) {
        return new PlannerStandIn(port);
    }

    /** The import URL, with the export's {@code {format}} placeholder. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/import/{format}";
    }

    /** Answers every request with this status (and the Retry-After, when given), until told otherwise. */
    public void answer(int status, String retryAfterSeconds) {
        this.retryAfter = retryAfterSeconds;
        this.answer = request -> status;
    }

    public void answer(ToIntFunction<Request> script) {
        this.retryAfter = null;
        this.answer = script;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> accepted(String projectKey, String format) {
        return requests.stream().filter(Request::accepted)
                .filter(request -> request.projectKey().equals(projectKey) && request.format().equals(format))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        var headers = exchange.getRequestHeaders();
        Request received = new Request(exchange.getRequestURI().getPath(), headers.getFirst("Trestle-Project"),
                headers.getFirst("Trestle-Format"), Long.parseLong(headers.getFirst("Trestle-Version")),
                headers.getFirst("Idempotency-Key"), headers.getFirst("Content-Type"),
                headers.getFirst("Authorization"), headers.getFirst("Content-Disposition"), body, 0);
        int status = answer.applyAsInt(received);
        requests.add(new Request(received.path(), received.projectKey(), received.format(), received.version(),
                received.idempotencyKey(), received.contentType(), received.authorization(),
                received.contentDisposition(), body, status));
        if (retryAfter != null && status >= 400) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] answerBody = (status < 300 ? "imported" : "not now: " + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answerBody.length);
        try (var out = exchange.getResponseBody()) {
            out.write(answerBody);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
