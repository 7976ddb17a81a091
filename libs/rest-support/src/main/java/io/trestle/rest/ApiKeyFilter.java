package io.trestle.rest;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates push clients by their API key ({@code X-Api-Key}) on every resource annotated
 * {@link ApiKeyAuthenticated} and records the client name for the resource.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-Api-Key";
    public static final String CLIENT_PROPERTY = "trestle.client";

    private final ApiKeys apiKeys;

    @Inject
    public ApiKeyFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @ServerRequestFilter
    @ApiKeyAuthenticated
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isBlank()) {
            return Optional.of(Problem.of("unauthenticated", "Missing API key", Response.Status.UNAUTHORIZED,
                    "Send the API key of your client in the " + HEADER + " header.").toResponse());
        }
        Optional<String> client = apiKeys.clientOf(presented);
        if (client.isEmpty()) {
            return Optional.of(Problem.of("unauthenticated", "Unknown API key", Response.Status.UNAUTHORIZED,
                    "The API key in the " + HEADER + " header is not configured for any client.").toResponse());
        }
        request.setProperty(CLIENT_PROPERTY, client.get());
        return Optional.empty();
    }
}
