package io.trestle.equipment.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;

/**
 * Fetches the resources of one vendor's ISO 15143-3 API, authenticated and within the vendor's request budget. It never
 * waits for the budget: a request over it comes back {@link Deferred}, and the poller tries again in a later cycle, so
 * no polling thread sleeps and tests can drive time through the clock.
 */
public final class AempClient {

    /** The vendors serve either; the parser reads both. */
    static final String ACCEPT = "application/json, application/xml;q=0.9, text/xml;q=0.8";

    /** The answer to a request: the body, or when to try again. */
    public sealed interface Fetch permits Fetched, Deferred {
    }

    public record Fetched(String body, String contentType) implements Fetch {
    }

    /**
     * @param reason
     *            {@code budget} when our own request budget held the request back, {@code 429} when the vendor refused
     *            it
     */
    public record Deferred(Instant until, String reason) implements Fetch {
    }

    private final String vendor;
    private final VendorPaths paths;
    private final HttpClient http;
    private final Credentials credentials;
    private final RequestBudget budget;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();

    AempClient(String vendor, VendorPaths paths, HttpClient http, Credentials credentials, RequestBudget budget,
            Duration timeout, Clock clock) {
        this.vendor = vendor;
        this.paths = paths;
        this.http = http;
        this.credentials = credentials;
        this.budget = budget;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException
     *             when the profile lacks a property its auth type needs
     */
    public static AempClient of(String vendor, Vendor profile, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(profile.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new AempClient(vendor, VendorPaths.of(profile), http, Credentials.of(vendor, profile, http, clock),
                new RequestBudget(profile.minRequestSpacing(), clock), profile.requestTimeout(), clock);
    }

    /** Where the vendor's resources are. */
    public VendorPaths paths() {
        return paths;
    }

    /** Requests sent to the vendor's API so far, token requests not included. */
    public long requestsMade() {
        return requests.get();
    }

    public Fetch get(URI uri) throws IOException, InterruptedException, VendorException {
        Optional<Instant> blocked = budget.blockedUntil(uri);
        if (blocked.isPresent()) {
            return new Deferred(blocked.get(), "budget");
        }
        HttpResponse<String> response = send(uri);
        if (response.statusCode() == 401 && credentials.renew()) {
            response = send(uri);
        }
        if (response.statusCode() == 429) {
            // Not spent on the URL: the vendor refused it, and its Retry-After says when to come back.
            Instant until = retryAfter(response);
            budget.throttle(until);
            return new Deferred(until, "429");
        }
        budget.spent(uri);
        if (response.statusCode() / 100 != 2) {
            throw VendorException.status("Vendor " + vendor, uri, response.statusCode());
        }
        return new Fetched(response.body(), response.headers().firstValue("Content-Type").orElse(null));
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException, VendorException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT).GET();
        credentials.apply(request);
        requests.incrementAndGet();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code Retry-After} as delay seconds or as an HTTP date (RFC 9110 §10.2.3); without a usable one, the URL spacing
     * of the budget, the vendor's own stated pace.
     */
    private Instant retryAfter(HttpResponse<String> response) {
        Instant now = clock.instant();
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isPresent()) {
            try {
                return now.plusSeconds(Math.max(0, Long.parseLong(header.get())));
            } catch (NumberFormatException notSeconds) {
                try {
                    return ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (DateTimeParseException notADate) {
                    // Falls through to the budget's pace.
                }
            }
        }
        return now.plus(budget.minSpacing());
    }
}
