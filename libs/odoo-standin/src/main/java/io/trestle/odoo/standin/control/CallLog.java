package io.trestle.odoo.standin.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.trestle.odoo.standin.LoggedRequest;

/** Calls counted per model (or service) and method, and the most recent requests. */
public final class CallLog {

    /** Enough for any test to look back over; older requests are dropped so a long-running stack stays small. */
    private static final int KEPT_REQUESTS = 10_000;

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Deque<LoggedRequest> requests = new ArrayDeque<>();

    public void increment(String model, String method) {
        counts.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).computeIfAbsent(method, m -> new LongAdder())
                .increment();
    }

    public long count(String model, String method) {
        LongAdder adder = counts.getOrDefault(model, Map.of()).get(method);
        return adder == null ? 0 : adder.sum();
    }

    /** Model (or service) → method → count, sorted by name. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        counts.forEach((model, methods) -> {
            Map<String, Long> perMethod = new TreeMap<>();
            methods.forEach((method, adder) -> perMethod.put(method, adder.sum()));
            snapshot.put(model, perMethod);
        });
        return snapshot;
    }

    public synchronized void log(LoggedRequest request) {
        if (requests.size() == KEPT_REQUESTS) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    public synchronized List<LoggedRequest> requests() {
        return List.copyOf(new ArrayList<>(requests));
    }

    public synchronized void clear() {
        counts.clear();
        requests.clear();
    }
}
