package io.trestle.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The role of every API-key client of a service: the ones listed in one property of comma-separated {@code client:role}
 * entries (e.g. {@code trestle.equipment-connector.api-key-roles=dashboard:read}), every other client the service's
 * default role, the one its clients needed before roles existed. A list, not a map by client, for the same reason as
 * {@link ApiKeys}: environment variable names cannot carry client names like {@code local-demo}.
 */
public final class ApiKeyRoles {

    private static final Logger LOG = Logger.getLogger(ApiKeyRoles.class);

    private final Map<String, Role> roleByClient;
    private final Role defaultRole;

    private ApiKeyRoles(Map<String, Role> roleByClient, Role defaultRole) {
        this.roleByClient = roleByClient;
        this.defaultRole = defaultRole;
    }

    /**
     * The roles a service configures in {@code property}, as its producer makes them at startup: refuses per-client
     * properties, parses the entries against the service's API keys, and logs the clients whose role differs from the
     * default.
     *
     * @param entries
     *            the property's value, empty when it is not set
     * @param propertyNames
     *            the names of every configured property, to find per-client ones among them
     * @throws IllegalArgumentException
     *             naming the first malformed entry, unknown client or role, or per-client property
     */
    public static ApiKeyRoles fromConfig(String property, Optional<List<String>> entries, Role defaultRole,
            Iterable<String> propertyNames, ApiKeys apiKeys) {
        ClientEntries.rejectPerClientProperties(property, propertyNames, "is not read, and the client would keep the "
                + "default role " + defaultRole.tag(), "role");
        ApiKeyRoles roles = parse(property, entries.orElse(List.of()), defaultRole, apiKeys);
        LOG.infof("API-key clients have role %s unless %s says otherwise%s", defaultRole.tag(), property,
                roles.roleByClient.isEmpty() ? "" : ": " + roles.roleByClient);
        return roles;
    }

    /** The same role for every client, for a service without an {@code api-key-roles} property. */
    public static ApiKeyRoles everyClient(Role role) {
        LOG.infof("Every API-key client has role %s", role.tag());
        return new ApiKeyRoles(Map.of(), role);
    }

    /**
     * Parses the configured entries.
     *
     * @throws IllegalArgumentException
     *             naming the first entry that is malformed, names a client without an API key, names an unknown role or
     *             repeats a client
     */
    public static ApiKeyRoles parse(String property, List<String> entries, Role defaultRole, ApiKeys apiKeys) {
        Map<String, Role> roleByClient = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String position = ClientEntries.position(property, i);
            int separator = entry.indexOf(':');
            if (separator < 0) {
                throw new IllegalArgumentException(position + " '" + entry + "' has no ':' between client and role; "
                        + "expected comma-separated client:role entries, e.g. dashboard:read");
            }
            String client = entry.substring(0, separator).strip();
            String role = entry.substring(separator + 1).strip();
            if (!apiKeys.clients().contains(client)) {
                throw new IllegalArgumentException(position + " names client '" + client + "', which has no API key in "
                        + apiKeys.property() + "; clients with keys: " + String.join(", ", apiKeys.clients()));
            }
            Role parsed = Role.of(role).orElseThrow(() -> new IllegalArgumentException(position + " (client '" + client
                    + "') names unknown role '" + role + "'; roles are " + Role.accepted()));
            if (roleByClient.put(client, parsed) != null) {
                throw new IllegalArgumentException(position + ": client '" + client + "' is given a role twice");
            }
        }
        return new ApiKeyRoles(roleByClient, defaultRole);
    }

    /** The role of a client whose API key matched. */
    public Role roleOf(String client) {
        return roleByClient.getOrDefault(client, defaultRole);
    }

    public Role defaultRole() {
        return defaultRole;
    }

    /** The clients given a role explicitly, in configuration order. */
    public Map<String, Role> configured() {
        return Collections.unmodifiableMap(roleByClient);
    }

    @Override
    public String toString() {
        return "ApiKeyRoles" + roleByClient + " default " + defaultRole.tag();
    }
}
