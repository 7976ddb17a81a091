package io.trestle.rest;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a validated OIDC bearer token maps onto a Trestle client and role. Which tokens are valid (issuer, audience,
 * keys, where roles are read from) is the OIDC extension's own {@code quarkus.oidc.*} configuration; bearer tokens are
 * accepted only where {@code quarkus.oidc.tenant-enabled=true}.
 */
@ConfigMapping(prefix = "trestle.oidc")
public interface BearerTokenConfig {

    /**
     * The token role (from {@code quarkus.oidc.roles.role-claim-path}, by default the {@code groups} claim) that grants
     * {@link Role#READ}.
     */
    @WithDefault("trestle-read")
    String readRole();

    /** The token role that grants {@link Role#WRITE}, and with it read. */
    @WithDefault("trestle-write")
    String writeRole();

    /**
     * The claims, in order, whose first present value names the client in logs, metrics and source systems
     * ({@code push:<client>}): the OAuth client for machine tokens ({@code azp}, {@code client_id}), else the subject.
     */
    @WithDefault("azp,client_id,sub")
    List<String> clientClaims();
}
