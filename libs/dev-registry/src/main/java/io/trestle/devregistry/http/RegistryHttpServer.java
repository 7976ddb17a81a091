package io.trestle.devregistry.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.trestle.devregistry.store.RegistryStore;

/** The JDK HTTP server in front of the two APIs. Headers common to every Apicurio response are added here. */
public final class RegistryHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
    private static final int WORKER_THREADS = 8;

    private final HttpServer server;
    private final ExecutorService workers;
    private final V3Api v3;
    private final CcompatApi ccompat;

    private RegistryHttpServer(HttpServer server, ExecutorService workers, RegistryStore store) {
        this.server = server;
        this.workers = workers;
        this.v3 = new V3Api(store, System.currentTimeMillis());
        this.ccompat = new CcompatApi(store);
    }

    /**
     * @param port
     *            0 for an ephemeral port
     * @throws IOException
     *             when the address cannot be bound
     */
    public static RegistryHttpServer start(String host, int port, RegistryStore store) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
        RegistryHttpServer registryServer = new RegistryHttpServer(server, workers, store);
        server.createContext("/", registryServer::exchange);
        server.setExecutor(workers);
        server.start();
        return registryServer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        HttpResponse response;
        try {
            response = dispatch(exchange);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = HttpResponse.json(500,
                    V3Json.problem(500, e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
        }
        write(exchange, response);
        LOG.debug("{} {} -> {} ({} ms)", exchange.getRequestMethod(), exchange.getRequestURI(), response.status(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private HttpResponse dispatch(HttpExchange exchange) throws IOException {
        List<String> segments = pathSegments(exchange.getRequestURI().getRawPath());
        byte[] body = readBody(exchange.getRequestBody());
        Map<String, String> query = queryParameters(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        if (startsWith(segments, V3Api.BASE)) {
            return v3.handle(new HttpRequest(method, rest(segments, V3Api.BASE), query, body));
        }
        if (startsWith(segments, CcompatApi.BASE)) {
            return ccompat.handle(new HttpRequest(method, rest(segments, CcompatApi.BASE), query, body));
        }
        return HttpResponse.json(404, V3Json.problem(404, "NotFoundException", "HTTP 404 Not Found"));
    }

    private static void write(HttpExchange exchange, HttpResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        response.headers().forEach(headers::set);
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        // -1 tells the JDK server there is no body; 0 would mean "chunked".
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        }
    }

    /** Segments are percent-decoded one by one, so an encoded {@code /} or {@code =} stays inside its segment. */
    private static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(percentDecode(segment));
            }
        }
        return segments;
    }

    private static String percentDecode(String segment) {
        // URLDecoder would turn '+' into a space, which is only right in queries.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    private static boolean startsWith(List<String> segments, List<String> prefix) {
        return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    private static List<String> rest(List<String> segments, List<String> prefix) {
        return List.copyOf(segments.subList(prefix.size(), segments.size()));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "dev-registry-http-" + counter.incrementAndGet());
            // A registry a test forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
