package io.trestle.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GET requests to the processes the benchmark started (health, metrics, the stand-in's call counts), over HTTP/1.1. The
 * JDK client's default on plain HTTP is an h2c upgrade, which against the Quarkus services hung a benchmark run with
 * the request's timeout not honoured; every server here speaks HTTP/1.1.
 */
public final class LocalHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private LocalHttp() {
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET, its body discarded. */
    public static int status(URI url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
