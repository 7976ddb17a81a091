package io.trestle.devregistry.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A response to write. Apicurio labels everything it returns {@code application/json}, raw schema text included.
 *
 * @param contentType
 *            null for a response without body
 * @param headers
 *            further headers (e.g. Content-Disposition)
 */
record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    static final String APPLICATION_JSON = "application/json";

    static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, APPLICATION_JSON, Map.of(), Json.bytes(body));
    }

    static HttpResponse ok(JsonNode body) {
        return json(200, body);
    }

    /** Raw text served as a download with its stored content type, the way Apicurio serves schema content. */
    static HttpResponse attachment(String text, String contentType, String fileName) {
        return new HttpResponse(200, contentType,
                Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw text without download headers (ccompat's {@code …/schema} endpoints). */
    static HttpResponse text(String text) {
        return new HttpResponse(200, APPLICATION_JSON, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Apicurio's 204s carry {@code content-encoding: identity} and no body. */
    static HttpResponse noContent() {
        return new HttpResponse(204, null, Map.of("content-encoding", "identity"), new byte[0]);
    }
}
