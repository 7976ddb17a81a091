package io.trestle.equipment.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A vendor's ISO 15143-3 API on an ephemeral port: serves fixture pages by path (fleet pages, single machines, time
 * series), answers with one-off statuses or, while down, with one status to everything, issues OAuth2 tokens, and
 * records every request it receives.
 */
public final class StandInVendor implements AutoCloseable {

    public static final String PREFIX = "/fleet-42/";
    public static final String TOKEN_PATH = "/oauth/token";
    private static final DateTimeFormatter BOSCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /**
     * A request as received.
     *
     * @param query
     *            the raw query, null when there is none
     */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> pages = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> oneOff = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private int tokensIssued;
    private Answer outage;

    public StandInVendor() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + PREFIX);
    }

    /** Serves the fixture {@code aemp/polling/<fixture>} at {@code /fleet-42/<page>} until told otherwise. */
    public StandInVendor page(String page, String fixture) {
        String contentType = fixture.endsWith(".xml") ? "application/xml" : "application/json";
        pages.put(PREFIX + page, new Answer(200, Map.of("Content-Type", contentType), fixture(fixture)));
        return this;
    }

    /** Serves {@code body} at {@code path}, a path from the server's root, until told otherwise. */
    public StandInVendor serve(String path, String body, String contentType) {
        pages.put(path, new Answer(200, Map.of("Content-Type", contentType), body));
        return this;
    }

    /**
     * Serves the fixtures {@code aemp/polling/<fixture>} as pages 1, 2, … of a machine's time series at the path of the
     * recorded Bosch requests, {@code Fleet/Equipment/{id}/{element}/{start}/{end}/{page}}.
     */
    public StandInVendor timeSeries(String id, String element, Instant start, Instant end, String... fixtures) {
        for (int page = 1; page <= fixtures.length; page++) {
            page(timeSeriesPage(id, element, start, end, page), fixtures[page - 1]);
        }
        return this;
    }

    /** The path of a time-series page below the base URL, for {@link #page} and {@link #requestsFor}. */
    public static String timeSeriesPage(String id, String element, Instant start, Instant end, int page) {
        return "Fleet/Equipment/" + id + "/" + element + "/" + BOSCH_TIME.format(start) + "/" + BOSCH_TIME.format(end)
                + "/" + page;
    }

    /** Answers every request with {@code status} from now until {@link #up()}, as a vendor in an outage does. */
    public synchronized StandInVendor down(int status) {
        outage = new Answer(status, Map.of(), "");
        return this;
    }

    public synchronized StandInVendor up() {
        outage = null;
        return this;
    }

    /** Answers the next request for {@code /fleet-42/<page>} with {@code status}, then serves the page again. */
    public StandInVendor once(String page, int status, Map<String, String> headers) {
        oneOff.computeIfAbsent(PREFIX + page, p -> new ArrayDeque<>()).add(new Answer(status, headers, ""));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized long requestsFor(String page) {
        return requests.stream().filter(r -> r.path().equals(PREFIX + page)).count();
    }

    public synchronized int tokensIssued() {
        return tokensIssued;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            answer = answer(path);
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer answer(String path) {
        if (path.equals(TOKEN_PATH)) {
            tokensIssued++;
            return new Answer(200, Map.of("Content-Type", "application/json"),
                    "{\"access_token\":\"token-" + tokensIssued + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
        if (outage != null) {
            return outage;
        }
        Deque<Answer> queued = oneOff.get(path);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        return pages.getOrDefault(path, new Answer(404, Map.of(), "not found"));
    }

    private static String fixture(String name) {
        try (InputStream in = StandInVendor.class.getResourceAsStream("/aemp/polling/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture aemp/polling/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
