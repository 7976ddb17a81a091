package io.trestle.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document, the body of every error answer of the API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://trestle.dev/problems/";

    public static Problem of(String type, String title, Response.Status status, String detail) {
        return new Problem(TYPE_BASE + type, title, status.getStatusCode(), detail, null);
    }

    public static Problem invalid(String title, String detail, List<Violation> violations) {
        return new Problem(TYPE_BASE + "invalid-request", title, 422, detail, violations);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }

    /** For answers that need more than the document, e.g. a {@code Retry-After} header. */
    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }
}
