package io.trestle.rest;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Verifies OIDC bearer tokens through the Quarkus OIDC extension and maps a valid one onto a Trestle client and role.
 * Verification is lazy ({@code quarkus.http.auth.proactive=false} in every service): the HTTP layer leaves a bad token
 * to {@link ApiKeyFilter}, which answers and counts it like every other refusal, and requests without a token never
 * reach the OIDC extension.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class);
    private static final String SCHEME = "bearer ";

    private final CurrentIdentityAssociation identities;
    private final BearerTokenConfig config;
    private final boolean enabled;

    /** A valid token: its client and the Trestle role it grants, none when it carries neither role. */
    public record Caller(String client, Optional<Role> role) {
    }

    /** Why a token was refused; never the token or any part of it. */
    public static final class InvalidTokenException extends RuntimeException {

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    public BearerTokens(CurrentIdentityAssociation identities, BearerTokenConfig config,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean enabled) {
        this.identities = identities;
        this.config = config;
        this.enabled = enabled;
        if (enabled) {
            LOG.infof("OIDC bearer tokens accepted: roles %s (read) and %s (write), client from claims %s",
                    config.readRole(), config.writeRole(), config.clientClaims());
        }
    }

    /** Whether a request with this {@code Authorization} header carries a bearer token this service verifies. */
    public boolean presented(String authorization) {
        return enabled && authorization != null && authorization.length() > SCHEME.length()
                && authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The caller of the current request's token; fails with {@link InvalidTokenException} when the token is invalid,
     * expired, signed by an unknown key, from another issuer or audience, or names no usable client.
     */
    public Uni<Caller> caller() {
        return identities.getDeferredIdentity()
                // Only a refused credential is the caller's fault; anything else (say, the provider unreachable) is
                // a technical failure and must not be counted or answered as a bad token.
                .onFailure(AuthenticationFailedException.class).transform(failure -> new InvalidTokenException(
                        "The bearer token is not valid here: expired, not yet valid, wrongly signed, or issued by or "
                                + "for someone else."))
                .map(this::caller);
    }

    private Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new InvalidTokenException("The bearer token was not accepted.");
        }
        String client = client(token);
        Optional<Role> role = identity.hasRole(config.writeRole())
                ? Optional.of(Role.WRITE)
                : identity.hasRole(config.readRole()) ? Optional.of(Role.READ) : Optional.empty();
        return new Caller(client, role);
    }

    private String client(JsonWebToken token) {
        for (String claim : config.clientClaims()) {
            Object value = token.getClaim(claim);
            if (value == null) {
                continue;
            }
            // Claims of the token's JSON body arrive as JSON strings, whose toString() keeps the quotes.
            String client = value instanceof JsonString json ? json.getString() : value.toString();
            if (!ClientEntries.CLIENT_NAME.matcher(client).matches()) {
                throw new InvalidTokenException("The token's " + claim + " claim must name the client as "
                        + ClientEntries.CLIENT_NAME.pattern() + "; it becomes the source system of what the client "
                        + "sends.");
            }
            return client;
        }
        throw new InvalidTokenException("The token carries none of the claims " + String.join(", ",
                config.clientClaims()) + " that name the client.");
    }
}
