package io.trestle.rest;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;

/**
 * Authenticates clients on every resource annotated {@link ApiKeyAuthenticated}: by their API key ({@code X-Api-Key}),
 * or, where the service enables OIDC and no API key is sent, by an OIDC bearer token. Records the client, its role and
 * how it authenticated for the filters and the resource after it; {@link RoleFilter} then checks the role.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-Api-Key";
    public static final String CLIENT_PROPERTY = "trestle.client";
    /** The {@link Role} of the client, absent for a token that grants none. */
    public static final String ROLE_PROPERTY = "trestle.role";
    /** The {@link Credential} the client authenticated with. */
    public static final String CREDENTIAL_PROPERTY = "trestle.credential";
    /** Before {@link RequestSignatureFilter}, which needs to know the client. */
    static final int PRIORITY = Priorities.AUTHENTICATION;

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final ApiKeys apiKeys;
    private final ApiKeyRoles roles;
    private final BearerTokens bearerTokens;
    private final Event<AuthenticationFailure> failures;

    @Inject
    public ApiKeyFilter(ApiKeys apiKeys, ApiKeyRoles roles, BearerTokens bearerTokens,
            Event<AuthenticationFailure> failures) {
        this.apiKeys = apiKeys;
        this.roles = roles;
        this.bearerTokens = bearerTokens;
        this.failures = failures;
    }

    /** A null item lets the request through; a response refuses it. */
    @ServerRequestFilter(priority = PRIORITY)
    @ApiKeyAuthenticated
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String presented = request.getHeaderString(HEADER);
        boolean noApiKey = presented == null || presented.isBlank();
        if (noApiKey && bearerTokens.presented(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return bearerTokens.caller().map(caller -> {
                admit(request, caller.client(), caller.role().orElse(null), Credential.BEARER_TOKEN);
                return (Response) null;
            }).onFailure(BearerTokens.InvalidTokenException.class).recoverWithItem(failure -> refuseToken(request,
                    failure.getMessage()));
        }
        if (noApiKey) {
            failures.fire(new AuthenticationFailure(null, AuthenticationFailure.MISSING_API_KEY));
            return refused(Problem.of("unauthenticated", "Missing API key", Response.Status.UNAUTHORIZED,
                    "Send the API key of your client in the " + HEADER + " header"
                            + (bearerTokens.enabled()
                                    ? ", or an OIDC bearer token in the Authorization header."
                                    : ".")));
        }
        return apiKeys.clientOf(presented).map(client -> {
            admit(request, client, roles.roleOf(client), Credential.API_KEY);
            return Uni.createFrom().<Response>nullItem();
        }).orElseGet(() -> {
            failures.fire(new AuthenticationFailure(null, AuthenticationFailure.UNKNOWN_API_KEY));
            return refused(Problem.of("unauthenticated", "Unknown API key", Response.Status.UNAUTHORIZED,
                    "The API key in the " + HEADER + " header is not configured for any client."));
        });
    }

    private static void admit(ContainerRequestContext request, String client, Role role, Credential credential) {
        request.setProperty(CLIENT_PROPERTY, client);
        request.setProperty(CREDENTIAL_PROPERTY, credential);
        if (role != null) {
            request.setProperty(ROLE_PROPERTY, role);
        }
    }

    private Response refuseToken(ContainerRequestContext request, String detail) {
        failures.fire(new AuthenticationFailure(null, AuthenticationFailure.INVALID_TOKEN));
        LOG.infof("Refused a bearer token on %s: %s", request.getUriInfo().getPath(), detail);
        return Problem.of("unauthenticated", "Invalid bearer token", Response.Status.UNAUTHORIZED, detail)
                .toResponseBuilder().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }

    private static Uni<Response> refused(Problem problem) {
        return Uni.createFrom().item(problem.toResponse());
    }
}
