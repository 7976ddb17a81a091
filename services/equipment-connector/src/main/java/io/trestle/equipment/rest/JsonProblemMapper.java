package io.trestle.equipment.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.trestle.equipment.domain.Violation;

/** Turns unreadable JSON into a problem document that names the offending field, instead of a bare 400. */
public class JsonProblemMapper {

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
        int item = itemIndex(exception);
        String message = exception.getOriginalMessage();
        Violation violation = new Violation(item, null, field, message);
        return new Problem("https://trestle.dev/problems/malformed-json", "Malformed JSON",
                Response.Status.BAD_REQUEST.getStatusCode(), "The body could not be read as a telemetry batch.",
                List.of(violation)).toResponse();
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
