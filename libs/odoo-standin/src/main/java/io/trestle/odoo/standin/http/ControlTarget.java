package io.trestle.odoo.standin.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.LoggedRequest;

/** What the {@code /__standin} endpoints control and inspect; the stand-in implements it. */
public interface ControlTarget {

    void refuseConnections(Duration period);

    /**
     * @param period
     *            {@code null} for until cleared
     */
    void respond503(Duration period, Optional<Duration> retryAfter);

    void delayEachCall(Duration delay);

    /**
     * @param model
     *            {@code null} for any model; @param method {@code null} for any method
     */
    void serializationFailures(int nextCalls, String model, String method);

    void clearFaults();

    /** Every record of the model as {@code read} answers it, or empty for an unknown model. */
    Optional<List<Map<String, Object>>> records(String model);

    Map<String, Map<String, Long>> callCounts();

    List<LoggedRequest> requests();

    void reset();
}
