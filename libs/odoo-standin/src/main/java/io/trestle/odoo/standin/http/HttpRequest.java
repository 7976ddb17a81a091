package io.trestle.odoo.standin.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the endpoints see it.
 *
 * @param headers
 *            header names in lower case
 * @param query
 *            decoded query parameters
 */
record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The media type without parameters, in lower case; empty when absent. */
    String mimeType() {
        String contentType = header("Content-Type").orElse("");
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A cookie's value, if the request carries it. */
    Optional<String> cookie(String name) {
        for (String cookie : header("Cookie").orElse("").split(";")) {
            int equals = cookie.indexOf('=');
            if (equals > 0 && cookie.substring(0, equals).strip().equals(name)) {
                return Optional.of(cookie.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }
}
