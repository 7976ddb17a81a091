package io.trestle.equipment.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.trestle.equipment.config.EquipmentConnectorConfig;

/**
 * Authenticates push clients by their API key ({@code X-Api-Key}) on every {@code /api} path and records the client
 * name for the resources. Keys are compared in constant time so response timing does not reveal them.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-Api-Key";
    public static final String CLIENT_PROPERTY = "trestle.client";

    private final EquipmentConnectorConfig config;

    @Inject
    public ApiKeyFilter(EquipmentConnectorConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isBlank()) {
            return Optional.of(Problem.of("unauthenticated", "Missing API key", Response.Status.UNAUTHORIZED,
                    "Send the API key of your client in the " + HEADER + " header.").toResponse());
        }
        Optional<String> client = clientOf(presented);
        if (client.isEmpty()) {
            return Optional.of(Problem.of("unauthenticated", "Unknown API key", Response.Status.UNAUTHORIZED,
                    "The API key in the " + HEADER + " header is not configured for any client.").toResponse());
        }
        request.setProperty(CLIENT_PROPERTY, client.get());
        return Optional.empty();
    }

    private Optional<String> clientOf(String presented) {
        byte[] presentedBytes = presented.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, String> entry : config.apiKeys().entrySet()) {
            // Check every key, not just until the first match, so timing does not depend on the key's position.
            if (MessageDigest.isEqual(presentedBytes, entry.getValue().getBytes(StandardCharsets.UTF_8))) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }
}
