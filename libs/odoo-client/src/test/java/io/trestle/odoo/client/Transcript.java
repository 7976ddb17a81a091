package io.trestle.odoo.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The exchanges recorded from a real Odoo 17 ({@code src/test/resources/odoo/odoo17-jsonrpc-transcripts.jsonl}, a copy
 * of {@code shared/odoo}). Response bodies are kept as the bytes the recorder wrote, not re-serialised.
 */
final class Transcript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "/odoo/odoo17-jsonrpc-transcripts.jsonl";
    private static final String RESPONSE_KEY = "\"response\": ";

    /**
     * @param request
     *            the JSON-RPC request, or the parsed raw request body
     * @param responseBody
     *            the bytes to answer with
     */
    record Exchange(String label, String transport, int httpStatus, String path, JsonNode request,
            String contentType, byte[] responseBody) {

        JsonNode response() {
            try {
                return JSON.readTree(responseBody);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code error.data} of a recorded JSON-RPC error. */
        JsonNode errorData() {
            return response().path("error").path("data");
        }

        /** The {@code execute_kw} argument at {@code index}: 0 db, 1 uid, 2 key, 3 model, 4 method, 5 args, 6 kw. */
        JsonNode executeArg(int index) {
            return request.path("params").path("args").path(index);
        }
    }

    private static final Map<String, Exchange> EXCHANGES = load();

    private Transcript() {
    }

    static Exchange get(String label) {
        return Objects.requireNonNull(EXCHANGES.get(label), () -> "no recorded exchange labelled " + label);
    }

    private static Map<String, Exchange> load() {
        Map<String, Exchange> exchanges = new LinkedHashMap<>();
        try (var in = Objects.requireNonNull(Transcript.class.getResourceAsStream(RESOURCE), RESOURCE);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode entry = JSON.readTree(line);
                String transport = entry.path("transport").asText();
                if (transport.equals("jsonrpc")) {
                    exchanges.put(entry.get("label").asText(), jsonRpc(entry, line));
                } else if (transport.equals("raw-http")) {
                    exchanges.put(entry.get("label").asText(), rawHttp(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exchanges;
    }

    private static Exchange jsonRpc(JsonNode entry, String line) throws IOException {
        // "response" is the last key of each line, so its text runs to the line's closing brace.
        int start = line.lastIndexOf(RESPONSE_KEY) + RESPONSE_KEY.length();
        byte[] body = line.substring(start, line.length() - 1).getBytes(StandardCharsets.UTF_8);
        if (!JSON.readTree(body).equals(entry.get("response"))) {
            throw new IllegalStateException("could not cut the response of " + entry.get("label") + " out of its line");
        }
        return new Exchange(entry.get("label").asText(), "jsonrpc", entry.get("http_status").asInt(), "/jsonrpc",
                entry.get("request"), "application/json", body);
    }

    private static Exchange rawHttp(JsonNode entry) throws IOException {
        String requestBody = entry.get("request_body").asText();
        JsonNode request;
        try {
            request = JSON.readTree(requestBody);
        } catch (IOException notJson) {
            request = JSON.getNodeFactory().textNode(requestBody);
        }
        return new Exchange(entry.get("label").asText(), "raw-http", entry.get("http_status").asInt(),
                entry.get("path").asText(), request, entry.get("content_type").asText(),
                entry.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }
}
