package io.trestle.schedule.export.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.trestle.schedule.export.config.PlannerExportConfig;
import io.trestle.schedule.export.delivery.DeliveryException.Kind;

/**
 * POSTs each file to the planner's REST endpoint, with headers that say what it is: {@code Idempotency-Key} (see
 * {@link Delivery#idempotencyKey()}), {@code Trestle-Project}, {@code Trestle-Format}, {@code Trestle-Version} and a
 * {@code Content-Disposition} file name.
 *
 * <p>
 * Any 2xx means the planner has it. Unavailable, to be retried with the same bytes and key: no connection, a timeout,
 * 408, 429 and 5xx (honouring {@code Retry-After}). Refused, retried but reported as failed because a person must act:
 * 401 and 403 (the planner refuses Trestle's credentials, not the file; quarantining every update until someone noticed
 * would bury them all) and anything that is neither success nor error (a redirect: the URL is not the endpoint).
 * Rejected, quarantined: every other 4xx, which is about the file.
 */
public final class PlannerEndpointTarget implements DeliveryTarget {

    private static final int EXCERPT_LENGTH = 500;

    private final HttpClient client;
    private final String url;
    private final PlannerExportConfig.Planner config;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException
     *             when the configured URL, with its placeholders filled, is not an absolute http(s) URL
     */
    public PlannerEndpointTarget(PlannerExportConfig.Planner config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.url = config.url().orElseThrow(() -> new IllegalArgumentException("no planner URL configured"));
        URI sample = uri("project-1", "pmxml");
        if (!sample.isAbsolute() || !sample.getScheme().matches("https?")) {
            throw new IllegalArgumentException("the planner URL must be an absolute http(s) URL: " + url);
        }
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "planner";
    }

    @Override
    public void deliver(Delivery delivery) throws DeliveryException {
        String format = delivery.file().format().token();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(delivery.projectKey(), format))
                .timeout(config.timeout())
                .header("Content-Type", config.contentType())
                .header("Idempotency-Key", delivery.idempotencyKey())
                .header("Trestle-Project", delivery.projectKey())
                .header("Trestle-Format", format)
                .header("Trestle-Version", Long.toString(delivery.version()))
                .header("Content-Disposition", "attachment; filename=\"" + delivery.fileName() + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.file().bytes()));
        config.authHeaderValue().ifPresent(value -> request.header(config.authHeaderName(), value));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(Kind.UNAVAILABLE, "timeout", "the planner did not answer in time: " + e, null,
                    e);
        } catch (IOException e) {
            throw new DeliveryException(Kind.UNAVAILABLE, "connection", "cannot reach the planner: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(Kind.UNAVAILABLE, "connection", "interrupted while sending", null, e);
        }
        check(response);
    }

    private void check(HttpResponse<String> response) throws DeliveryException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String message = "the planner answered HTTP " + status + excerpt(response.body());
        if (status == 408) {
            throw new DeliveryException(Kind.UNAVAILABLE, "timeout", message, null, null);
        }
        if (status == 429) {
            throw new DeliveryException(Kind.UNAVAILABLE, "rate_limited", message, retryAfter(response), null);
        }
        if (status >= 500) {
            throw new DeliveryException(Kind.UNAVAILABLE, "server_error", message, retryAfter(response), null);
        }
        if (status == 401 || status == 403 || status < 400) {
            throw new DeliveryException(Kind.REFUSED, "refused", message, null, null);
        }
        throw new DeliveryException(Kind.REJECTED, "rejected", message, null, null);
    }

    /** Retry-After in seconds or as an HTTP date; absent when missing or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private URI uri(String projectKey, String format) {
        return URI.create(url.replace("{project}", URLEncoder.encode(projectKey, StandardCharsets.UTF_8))
                .replace("{format}", format));
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        return ": " + (text.length() > EXCERPT_LENGTH ? text.substring(0, EXCERPT_LENGTH) + "…" : text);
    }
}
