package io.trestle.equipment.rest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.trestle.rest.Problem;
import io.trestle.rest.Violation;

/**
 * Turns unreadable JSON into a problem document that names the offending field, instead of a bare 400. Messages speak
 * of JSON values ("expected a number"), never of the Java types behind them, which mean nothing to a caller.
 */
public class JsonProblemMapper {

    /** Longest part of a refused value quoted back; the rest could be the whole body. */
    static final int MAX_QUOTED_LENGTH = 40;

    /** Wrong types and shapes; declared separately because Quarkus ships its own mapper for this exact type. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException exception) {
        return unreadableJson(exception);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception) {
        String field = "";
        if (exception instanceof JsonMappingException mapping) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName())
                    .collect(Collectors.joining())
                    .replaceFirst("^\\.", "");
        }
        Violation violation = new Violation(itemIndex(exception), null, field, message(exception));
        return new Problem("https://trestle.dev/problems/malformed-json", "Malformed JSON",
                Response.Status.BAD_REQUEST.getStatusCode(),
                "The body could not be read as a batch of the documented shape.",
                List.of(violation)).toResponse();
    }

    static String message(JsonProcessingException exception) {
        if (exception instanceof InvalidFormatException invalid) {
            return quote(invalid.getValue()) + " is not " + expected(invalid.getTargetType());
        }
        if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + expected(mismatched.getTargetType());
        }
        // Parser failures arrive wrapped, so that they carry the path of the field being read.
        Throwable parserFailure = exception.getCause() instanceof StreamReadException cause ? cause : exception;
        if (parserFailure instanceof InputCoercionException) {
            return "number out of range; expected a whole number between " + Long.MIN_VALUE + " and "
                    + Long.MAX_VALUE;
        }
        if (parserFailure instanceof StreamReadException syntax) {
            // The parser's own wording names characters and tokens, not Java types.
            return "not valid JSON: " + syntax.getOriginalMessage();
        }
        return "value of unexpected type or shape";
    }

    private static String expected(Class<?> type) {
        if (type == Instant.class) {
            return "a valid ISO-8601 instant (e.g. 2026-11-27T08:00:00Z)";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String quote(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > MAX_QUOTED_LENGTH ? text.substring(0, MAX_QUOTED_LENGTH) + "…" : text) + "'";
    }

    private static int itemIndex(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getIndex() >= 0) {
                    return ref.getIndex();
                }
            }
        }
        return -1;
    }
}
