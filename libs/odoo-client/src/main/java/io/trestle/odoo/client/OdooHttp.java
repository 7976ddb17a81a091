package io.trestle.odoo.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP exchange with Odoo. Failures below HTTP become {@link OdooTransientException}s; HTTP statuses are left to
 * the protocol, which knows whether the body explains them.
 */
final class OdooHttp {

    record Response(int status, Optional<String> contentType, byte[] body, Duration retryAfter) {
    }

    /** Odoo's JSON-2 documentation asks callers to name their software. */
    private static final String USER_AGENT = "trestle-odoo-client";

    private final URI root;
    private final Duration readTimeout;
    private final HttpClient client;
    private final OdooErrors errors;
    private final Clock clock;

    OdooHttp(OdooClientConfig config, OdooErrors errors, Clock clock) {
        this.root = withTrailingSlash(config.url());
        this.readTimeout = config.readTimeout();
        this.errors = errors;
        this.clock = clock;
        // HTTP/1.1 explicitly: Odoo's werkzeug server speaks nothing newer and closes every connection
        // (Connection: close), so the client never counts on a kept-alive connection.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Response post(String path, Map<String, String> headers, byte[] body, String model, String method) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json; charset=utf-8");
        headers.forEach(request::header);
        return send(request.build(), model, method);
    }

    Response get(String path, String model, String method) {
        return send(request(path).GET().build(), model, method);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(root.resolve(path))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
    }

    /** Odoo behind a path prefix ({@code https://host/odoo}) keeps the prefix when endpoints are resolved. */
    private static URI withTrailingSlash(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return path.endsWith("/") ? url : url.resolve(url.getRawPath() + "/");
    }

    private Response send(HttpRequest request, String model, String method) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw errors.network(e, model, method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.network(e, model, method);
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock).orElse(null);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type"), response.body(),
                retryAfter);
    }
}
