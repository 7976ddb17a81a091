package io.trestle.telemetry.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trestle.rest.Problem;
import io.trestle.telemetry.query.StoreUnavailable;

/** Problem documents for queries that are wrong (422, naming the parameters) or cannot be answered yet (503). */
public class QueryProblemMapper {

    /** A rebalance usually settles within seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response invalid(InvalidQuery exception) {
        return Problem.invalid("Invalid query", "Correct the parameters named in violations.",
                exception.violations()).toResponse();
    }

    /** A store obtained while it was queryable can still move (rebalance) while it is being read. */
    @ServerExceptionMapper
    public Response moved(InvalidStateStoreException exception) {
        return unavailable(new StoreUnavailable("A store moved while it was read (" + exception.getMessage() + ").",
                exception));
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailable exception) {
        return Problem.of("store-unavailable", "Not answerable right now", Response.Status.SERVICE_UNAVAILABLE,
                exception.getMessage() + " Retry shortly.")
                .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
