package io.trestle.equipment.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request budget a vendor grants: each URL at most once per {@code minSpacing}, and nothing at all while the vendor
 * has told us, with 429 and {@code Retry-After}, to wait. Vendors that meter their API block a client that ignores
 * either, so a request over budget is not sent but deferred.
 */
final class RequestBudget {

    private final Duration minSpacing;
    private final Clock clock;
    private final Map<URI, Instant> lastRequest = new HashMap<>();
    private Instant throttledUntil = Instant.MIN;

    RequestBudget(Duration minSpacing, Clock clock) {
        this.minSpacing = minSpacing;
        this.clock = clock;
    }

    /** When {@code uri} may be requested again, if not now. */
    synchronized Optional<Instant> blockedUntil(URI uri) {
        Instant now = clock.instant();
        Instant until = throttledUntil;
        Instant last = lastRequest.get(uri.normalize());
        if (last != null && last.plus(minSpacing).isAfter(until)) {
            until = last.plus(minSpacing);
        }
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    synchronized void spent(URI uri) {
        lastRequest.put(uri.normalize(), clock.instant());
    }

    synchronized void throttle(Instant until) {
        if (until.isAfter(throttledUntil)) {
            throttledUntil = until;
        }
    }

    Duration minSpacing() {
        return minSpacing;
    }
}
