package io.trestle.devregistry.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request as the APIs see it.
 *
 * @param segments
 *            the decoded path segments after the API's base path (e.g. {@code [groups, default, artifacts]})
 * @param query
 *            decoded query parameters (first value of each)
 */
record HttpRequest(String method, List<String> segments, Map<String, String> query, byte[] body) {

    String queryParam(String name) {
        return query.get(name);
    }

    boolean queryFlag(String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    int queryInt(String name, int defaultValue) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadParameterException("Query parameter '" + name + "' must be an integer, not '" + value + "'.");
        }
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, or null when there is none. */
    JsonNode jsonBody() {
        return body.length == 0 ? null : Json.parse(body);
    }

    /** A path or query parameter with a value the API cannot use. */
    static final class BadParameterException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadParameterException(String message) {
            super(message);
        }
    }
}
