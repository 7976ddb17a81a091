package io.trestle.rest;

import java.util.Optional;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
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
    /** Before {@link RequestSignatureFilter}, which needs to know the client. */
    static final int PRIORITY = Priorities.AUTHENTICATION;

    private final ApiKeys apiKeys;
    private final Event<AuthenticationFailure> failures;

    @Inject
    public ApiKeyFilter(ApiKeys apiKeys, Event<AuthenticationFailure> failures) {
        this.apiKeys = apiKeys;
        this.failures = failures;
    }

    @ServerRequestFilter(priority = PRIORITY)
    @ApiKeyAuthenticated
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isBlank()) {
            failures.fire(new AuthenticationFailure(null, AuthenticationFailure.MISSING_API_KEY));
            return Optional.of(Problem.of("unauthenticated", "Missing API key", Response.Status.UNAUTHORIZED,
                    "Send the API key of your client in the " + HEADER + " header.").toResponse());
        }
        Optional<String> client = apiKeys.clientOf(presented);
        if (client.isEmpty()) {
            failures.fire(new AuthenticationFailure(null, AuthenticationFailure.UNKNOWN_API_KEY));
            return Optional.of(Problem.of("unauthenticated", "Unknown API key", Response.Status.UNAUTHORIZED,
                    "The API key in the " + HEADER + " header is not configured for any client.").toResponse());
        }
        request.setProperty(CLIENT_PROPERTY, client.get());
        return Optional.empty();
    }
}
