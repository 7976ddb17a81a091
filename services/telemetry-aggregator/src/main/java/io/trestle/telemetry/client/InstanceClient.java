package io.trestle.telemetry.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import io.trestle.rest.ApiKeyFilter;
import io.trestle.telemetry.config.AggregatorConfig;
import io.trestle.telemetry.query.StoreUnavailable;

/**
 * Asks another instance of this service the same query, with the caller's API key (the instances share their key
 * configuration) and {@value #FORWARDED_HEADER}, which tells it to answer from its own stores and never forward again:
 * two instances with briefly different views of a rebalance cannot bounce a request between them.
 */
@ApplicationScoped
public class InstanceClient {

    public static final String FORWARDED_HEADER = "X-Trestle-Forwarded";

    /** What the other instance answered, passed on to the caller as is. */
    public record Answer(int status, String contentType, String retryAfter, byte[] body) {
    }

    private final HttpClient http;
    private final Duration timeout;

    @Inject
    public InstanceClient(AggregatorConfig config) {
        this(config.queries().forwardTimeout());
    }

    public InstanceClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * @param pathAndQuery
     *            the raw path and query of the caller's request, e.g. {@code /api/v1/utilization/assets/EX-1?from=…}
     * @param credential
     *            the caller's own, so the instance that answers authenticates and authorizes the caller as this one did
     * @throws StoreUnavailable
     *             when the instance cannot be reached in time
     */
    public Answer get(URI instance, String pathAndQuery, Credential credential) {
        HttpRequest request = HttpRequest.newBuilder(instance.resolve(pathAndQuery))
                .timeout(timeout)
                .header(credential.header(), credential.value())
                .header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (HttpTimeoutException e) {
            throw new StoreUnavailable("Instance " + instance + " holding the data did not answer within " + timeout
                    + ".", e);
        } catch (IOException e) {
            // A refused connection (the instance stopped) carries no message, only its type.
            throw new StoreUnavailable("Instance " + instance + " holding the data cannot be reached ("
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()) + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("Interrupted while asking instance " + instance + ".", e);
        }
    }

    /** How the caller authenticated: its API key, or else its bearer token ({@code Authorization}). */
    public record Credential(String header, String value) {

        public static Credential apiKey(String key) {
            return new Credential(ApiKeyFilter.HEADER, key);
        }

        /** The API key when the caller sent one (as the filter prefers it), else the {@code Authorization} header. */
        public static Credential of(String apiKey, String authorization) {
            return apiKey != null && !apiKey.isBlank()
                    ? apiKey(apiKey)
                    : new Credential(HttpHeaders.AUTHORIZATION, authorization);
        }
    }
}
