package io.trestle.bench.measure;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.bench.process.LocalHttp;

/**
 * Calls the Odoo stand-in received, per model (or service) and method, from its control endpoint
 * {@code GET /__standin/calls} — counted by the server, so every call the sink made is in it, retries included.
 */
public final class OdooCalls {

    /** The JSON-RPC service of logins and version checks (the sink's health probe asks it on every probe). */
    public static final String SESSION_SERVICE = "common";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OdooCalls() {
    }

    /** Model → method → calls so far. */
    public static Map<String, Map<String, Long>> snapshot(String odooUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.get(odooUrl + "/__standin/calls");
        if (response.statusCode() != 200) {
            throw new IOException("the stand-in's call counts answered " + response.statusCode());
        }
        return JSON.readValue(response.body(), new TypeReference<>() {
        });
    }

    /** "model.method" → calls between two snapshots, leaving out what did not change. */
    public static Map<String, Long> difference(Map<String, Map<String, Long>> before,
            Map<String, Map<String, Long>> after) {
        Map<String, Long> calls = new TreeMap<>();
        after.forEach((model, methods) -> methods.forEach((method, count) -> {
            long earlier = before.getOrDefault(model, Map.of()).getOrDefault(method, 0L);
            if (count > earlier) {
                calls.put(model + "." + method, count - earlier);
            }
        }));
        return calls;
    }

    /** Calls that read or write records, i.e. everything but the session service. */
    public static long dataCalls(Map<String, Long> calls) {
        return calls.entrySet().stream().filter(entry -> !entry.getKey().startsWith(SESSION_SERVICE + "."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
