package io.trestle.odoo.standin.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.LoggedRequest;

/**
 * {@code /__standin/…}: the test controls over HTTP, for a stand-in running as a separate process. They stay reachable
 * while a 503 or a delay is in force; a refusal stops the whole listener, so it always has a period.
 */
final class ControlEndpoint {

    static final String PREFIX = "/__standin";

    private final ControlTarget target;

    ControlEndpoint(ControlTarget target) {
        this.target = target;
    }

    HttpAnswer handle(HttpRequest request) {
        String path = request.path().substring(PREFIX.length());
        try {
            if (path.startsWith("/records/")) {
                requireMethod(request, "GET");
                String model = path.substring("/records/".length());
                return target.records(model).map(records -> HttpAnswer.json(200, records))
                        .orElseGet(() -> problem(404, "Unknown model '" + model + "'"));
            }
            return switch (path) {
                case "/faults/refuse-connections" -> {
                    requireMethod(request, "POST");
                    Duration period = Duration.ofMillis(positiveMillis(request, "seconds"));
                    yield HttpAnswer.empty(204).andThen(() -> target.refuseConnections(period));
                }
                case "/faults/unavailable" -> {
                    requireMethod(request, "POST");
                    Duration period = request.query().containsKey("seconds")
                            ? Duration.ofMillis(positiveMillis(request, "seconds"))
                            : null;
                    Optional<Duration> retryAfter = request.query().containsKey("retry-after")
                            ? Optional.of(Duration.ofSeconds(nonNegative(request, "retry-after")))
                            : Optional.empty();
                    target.respond503(period, retryAfter);
                    yield HttpAnswer.empty(204);
                }
                case "/faults/delay" -> {
                    requireMethod(request, "POST");
                    target.delayEachCall(Duration.ofMillis(nonNegative(request, "millis")));
                    yield HttpAnswer.empty(204);
                }
                case "/faults/serialization-failures" -> {
                    requireMethod(request, "POST");
                    target.serializationFailures((int) nonNegative(request, "count"), request.query().get("model"),
                            request.query().get("method"));
                    yield HttpAnswer.empty(204);
                }
                case "/faults/clear" -> {
                    requireMethod(request, "POST");
                    target.clearFaults();
                    yield HttpAnswer.empty(204);
                }
                case "/calls" -> {
                    requireMethod(request, "GET");
                    yield HttpAnswer.json(200, callCounts(request));
                }
                case "/requests" -> {
                    requireMethod(request, "GET");
                    yield HttpAnswer.json(200, requests());
                }
                case "/reset" -> {
                    requireMethod(request, "POST");
                    target.reset();
                    yield HttpAnswer.empty(204);
                }
                default -> problem(404, "No stand-in control at " + request.path()
                        + "; see libs/odoo-standin/README.md for the list");
            };
        } catch (BadControlRequest e) {
            return problem(e.status, e.getMessage());
        }
    }

    private Object callCounts(HttpRequest request) {
        Map<String, Map<String, Long>> counts = target.callCounts();
        String model = request.query().get("model");
        String method = request.query().get("method");
        if (model == null && method == null) {
            return counts;
        }
        if (model == null || method == null) {
            throw new BadControlRequest(400, "Give both model and method, or neither");
        }
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("model", model);
        count.put("method", method);
        count.put("count", counts.getOrDefault(model, Map.of()).getOrDefault(method, 0L));
        return count;
    }

    private List<Object> requests() {
        List<Object> entries = new ArrayList<>();
        for (LoggedRequest logged : target.requests()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", logged.at().toString());
            entry.put("http_method", logged.httpMethod());
            entry.put("path", logged.path());
            entry.put("status", logged.status());
            entry.put("model", logged.model().orElse(null));
            entry.put("method", logged.method().orElse(null));
            entry.put("error", logged.error().orElse(null));
            entries.add(entry);
        }
        return entries;
    }

    private static void requireMethod(HttpRequest request, String method) {
        if (!request.method().equals(method)) {
            throw new BadControlRequest(405, request.path() + " takes " + method + ", not " + request.method());
        }
    }

    private static long positiveMillis(HttpRequest request, String secondsParameter) {
        String value = request.query().get(secondsParameter);
        try {
            double seconds = Double.parseDouble(value == null ? "" : value);
            if (seconds > 0) {
                return (long) Math.ceil(seconds * 1000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadControlRequest(400, secondsParameter + " must be a number of seconds above 0, not " + value);
    }

    private static long nonNegative(HttpRequest request, String parameter) {
        String value = request.query().get(parameter);
        try {
            long number = Long.parseLong(value == null ? "" : value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadControlRequest(400, parameter + " must be a whole number of 0 or more, not " + value);
    }

    private static HttpAnswer problem(int status, String message) {
        return HttpAnswer.json(status, Map.of("error", message));
    }

    private static final class BadControlRequest extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int status;

        BadControlRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
