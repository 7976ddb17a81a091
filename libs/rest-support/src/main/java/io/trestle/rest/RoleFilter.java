package io.trestle.rest;

import java.lang.reflect.Method;
import java.util.Optional;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses with 403 a client whose role does not include the one the endpoint declares in {@link ApiKeyAuthenticated}.
 * Runs after authentication and signature verification, so only a client that fully proved who it is learns that it
 * lacks a role.
 */
public class RoleFilter {

    private static final Logger LOG = Logger.getLogger(RoleFilter.class);

    private final BearerTokenConfig tokenRoles;
    private final Event<AuthenticationFailure> failures;

    @Inject
    public RoleFilter(BearerTokenConfig tokenRoles, Event<AuthenticationFailure> failures) {
        this.tokenRoles = tokenRoles;
        this.failures = failures;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    @ApiKeyAuthenticated
    public Optional<Response> authorize(ContainerRequestContext request, ResourceInfo resource) {
        Role needed = needed(resource.getResourceClass(), resource.getResourceMethod());
        Role held = (Role) request.getProperty(ApiKeyFilter.ROLE_PROPERTY);
        if (held != null && held.includes(needed)) {
            return Optional.empty();
        }
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        failures.fire(new AuthenticationFailure(client, AuthenticationFailure.INSUFFICIENT_ROLE));
        LOG.infof("Refused client %s on %s %s: needs role %s, has %s", client, request.getMethod(),
                request.getUriInfo().getPath(), needed.tag(), held == null ? "none" : held.tag());
        return Optional.of(Problem.of("forbidden", "Insufficient role", Response.Status.FORBIDDEN,
                "This endpoint needs the " + needed.tag() + " role; client '" + client + "' has "
                        + (held == null ? "no Trestle role" : "only " + held.tag()) + ". " + howToGet(request, needed))
                .toResponse());
    }

    /** The method's declaration wins over its class's; an endpoint that declares nothing needs write. */
    static Role needed(Class<?> resourceClass, Method method) {
        ApiKeyAuthenticated declared = method.getAnnotation(ApiKeyAuthenticated.class);
        if (declared == null) {
            declared = resourceClass.getAnnotation(ApiKeyAuthenticated.class);
        }
        return declared == null ? Role.WRITE : declared.value();
    }

    private String howToGet(ContainerRequestContext request, Role needed) {
        if (request.getProperty(ApiKeyFilter.CREDENTIAL_PROPERTY) == Credential.BEARER_TOKEN) {
            return "The token must carry the role " + (needed == Role.WRITE
                    ? tokenRoles.writeRole()
                    : tokenRoles.readRole() + " or " + tokenRoles.writeRole()) + ".";
        }
        return "The service's operators grant roles to API-key clients.";
    }
}
