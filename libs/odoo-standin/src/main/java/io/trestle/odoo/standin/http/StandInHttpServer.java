package io.trestle.odoo.standin.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.trestle.odoo.standin.LoggedRequest;
import io.trestle.odoo.standin.control.CallLog;
import io.trestle.odoo.standin.control.FaultState;

/**
 * The JDK HTTP server in front of the endpoints. Answers like Odoo's server: every response closes its connection.
 * Applies the HTTP-level faults: it stops listening to refuse connections (and listens again on the same port), answers
 * 503, and holds answers back to be slow.
 */
public final class StandInHttpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StandInHttpServer.class.getName());
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(5);

    private final String host;
    private final FaultState faults;
    private final CallLog log;
    private final Duration latency;
    private final WebSessions sessions = new WebSessions();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("odoo-standin-http"));
    private final ScheduledExecutorService timer = Executors
            .newSingleThreadScheduledExecutor(daemonThreads("odoo-standin-faults"));
    private Router router;
    private HttpServer server;
    private int port;
    private ScheduledFuture<?> scheduledResume;
    private boolean closed;

    private StandInHttpServer(String host, FaultState faults, CallLog log, Duration latency) {
        this.host = host;
        this.faults = faults;
        this.log = log;
        this.latency = latency;
    }

    /**
     * Listens on {@code host:port} ({@code port} 0 for an ephemeral one).
     *
     * @param baseUrl
     *            how clients reach the server, given the port it listens on
     */
    public static StandInHttpServer start(String host, int port, HttpBackend backend, FaultState faults, CallLog log,
            Duration latency, IntFunction<URI> baseUrl) {
        StandInHttpServer server = new StandInHttpServer(host, faults, log, latency);
        synchronized (server) {
            server.router = new Router(new JsonRpcEndpoint(backend.services()),
                    new WebClientEndpoint(backend.services(), server.sessions, backend.database(), backend.security(),
                            () -> baseUrl.apply(server.port)),
                    new Json2Endpoint(backend.services(), backend.credentials(), backend.database()),
                    new ControlEndpoint(backend.controls()));
            server.listen(port);
        }
        return server;
    }

    public synchronized int port() {
        return port;
    }

    /**
     * Stops listening: connecting fails until {@link #resumeListening()}, or until {@code period} has passed.
     *
     * @param period
     *            {@code null} for until resumed
     */
    public synchronized void refuseConnections(Duration period) {
        cancelScheduledResume();
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (period != null) {
            scheduledResume = timer.schedule(this::resumeListening, period.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Listens again, on the same port, if connections were being refused. */
    public synchronized void resumeListening() {
        cancelScheduledResume();
        if (server == null && !closed) {
            listen(port);
        }
    }

    /** Forgets the web sessions, as a restarted Odoo with a fresh database would. */
    public void clearSessions() {
        sessions.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        cancelScheduledResume();
        if (server != null) {
            server.stop(0);
            server = null;
        }
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private void cancelScheduledResume() {
        if (scheduledResume != null) {
            scheduledResume.cancel(false);
            scheduledResume = null;
        }
    }

    /** Binds, retrying briefly: a port just released can take a moment to be free again. */
    private void listen(int wantedPort) {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            try {
                HttpServer created = HttpServer.create(new InetSocketAddress(host, wantedPort), 0);
                created.createContext("/", this::exchange);
                created.setExecutor(workers);
                created.start();
                server = created;
                port = created.getAddress().getPort();
                return;
            } catch (BindException e) {
                if (wantedPort == 0 || System.nanoTime() - deadline > 0) {
                    throw new UncheckedIOException("Cannot listen on " + host + ":" + wantedPort, e);
                }
                pause();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen on " + host + ":" + wantedPort, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the port to be free", e);
        }
    }

    private void exchange(HttpExchange exchange) {
        HttpAnswer answer;
        HttpRequest request;
        try {
            request = read(exchange);
        } catch (IOException e) {
            exchange.close();
            return;
        }
        boolean control = Router.isControl(request.path());
        Optional<FaultState.Unavailable> unavailable = control ? Optional.empty() : faults.unavailable();
        if (unavailable.isPresent()) {
            answer = WerkzeugPages.serviceUnavailable();
            if (unavailable.get().retryAfter().isPresent()) {
                answer = answer.withHeader("Retry-After",
                        String.valueOf(seconds(unavailable.get().retryAfter().get())));
            }
        } else {
            try {
                answer = router.route(request);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Unexpected failure on " + request.method() + " " + request.path(), e);
                answer = HttpAnswer.json(500, Map.of("error", "The Odoo stand-in failed: " + e));
            }
        }
        if (!control) {
            holdBack(faults.delay().plus(latency));
            // Logged before the answer leaves, so a client that got its answer finds its request in the log.
            log.log(new LoggedRequest(Clock.systemUTC().instant(), request.method(), request.path(), answer.status(),
                    answer.call().map(HttpAnswer.CallName::model), answer.call().map(HttpAnswer.CallName::method),
                    answer.error()));
        }
        try {
            write(exchange, answer);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Client went away before the answer to " + request.path(), e);
        } finally {
            exchange.close();
        }
        answer.afterSent().run();
    }

    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    /** Slow answers: the call has taken effect, only the answer is late, as with an overloaded Odoo. */
    private static void holdBack(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        URI uri = exchange.getRequestURI();
        return new HttpRequest(exchange.getRequestMethod(), uri.getPath(), query(uri.getRawQuery()), headers, body);
    }

    private static Map<String, String> query(String rawQuery) {
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

    private static void write(HttpExchange exchange, HttpAnswer answer) throws IOException {
        var headers = exchange.getResponseHeaders();
        answer.headers().forEach(headers::set);
        if (answer.contentType() != null) {
            headers.set("Content-Type", answer.contentType());
        }
        // Odoo's server speaks HTTP/1.0 without keep-alive; the JDK server closes the connection on this header.
        headers.set("Connection", "close");
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            // A stand-in a test forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
