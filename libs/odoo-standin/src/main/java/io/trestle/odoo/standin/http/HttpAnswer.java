package io.trestle.odoo.standin.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.trestle.odoo.standin.python.PythonJson;

/**
 * A response, with what the request log records about the call it answered.
 *
 * @param call
 *            the model (or service) and method called, if the request named one
 * @param error
 *            the Odoo error class the call failed with, if any
 * @param afterSent
 *            work to do once the response has left (stopping the listener for a refusal fault)
 */
record HttpAnswer(int status, String contentType, Map<String, String> headers, byte[] body,
        Optional<CallName> call, Optional<String> error, Runnable afterSent) {

    /** The model (or service) and method a request called. */
    record CallName(String model, String method) {
    }

    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    static HttpAnswer json(int status, Object value) {
        return new HttpAnswer(status, JSON, Map.of(), PythonJson.writeBytes(value), Optional.empty(), Optional.empty(),
                () -> {
                });
    }

    static HttpAnswer html(int status, String text) {
        return new HttpAnswer(status, HTML, Map.of(), text.getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Optional.empty(), () -> {
                });
    }

    static HttpAnswer empty(int status) {
        return new HttpAnswer(status, null, Map.of(), new byte[0], Optional.empty(), Optional.empty(), () -> {
        });
    }

    HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, more, body, call, error, afterSent);
    }

    HttpAnswer withCall(CallName name, Optional<String> failure) {
        return new HttpAnswer(status, contentType, headers, body, Optional.ofNullable(name), failure, afterSent);
    }

    HttpAnswer andThen(Runnable work) {
        return new HttpAnswer(status, contentType, headers, body, call, error, work);
    }
}
