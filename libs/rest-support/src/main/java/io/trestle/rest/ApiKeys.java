package io.trestle.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * The API keys of a service's clients, parsed from one property of comma-separated {@code client:key} entries (e.g.
 * {@code trestle.equipment-connector.api-keys}), split at the first {@code ':'} so keys may contain colons. Every
 * problem is reported by property, entry number and client name; key values never appear in messages or logs.
 */
public final class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final String property;
    private final Map<String, byte[]> keysByClient;

    private ApiKeys(String property, Map<String, byte[]> keysByClient) {
        this.property = property;
        this.keysByClient = keysByClient;
    }

    /**
     * The keys a service configures in {@code property}, as its producer makes them at startup: refuses the former
     * per-client form, parses the entries, and logs which clients there are (warns when there are none).
     *
     * @param entries
     *            the property's value, empty when it is not set
     * @param propertyNames
     *            the names of every configured property, to find the former form among them
     * @param kind
     *            what the service calls its clients and their requests in the log: {@code push} gives
     *            {@code No push clients configured (...); every push request will be refused with 401}
     * @throws IllegalArgumentException
     *             naming the first malformed entry or property of the former form
     */
    public static ApiKeys fromConfig(String property, Optional<List<String>> entries, Iterable<String> propertyNames,
            String kind) {
        rejectPerClientProperties(property, propertyNames);
        ApiKeys keys = parse(property, entries.orElse(List.of()));
        if (keys.clients().isEmpty()) {
            LOG.warnf("No %s clients configured (%s); every %s request will be refused with 401", kind, property,
                    kind);
        } else {
            LOG.infof("%d %s client(s) configured: %s", keys.clients().size(), kind,
                    String.join(", ", keys.clients()));
        }
        return keys;
    }

    /**
     * Parses the configured entries.
     *
     * @throws IllegalArgumentException
     *             naming the first malformed entry by position (and client, where it has one)
     */
    public static ApiKeys parse(String property, List<String> entries) {
        Map<String, byte[]> keysByClient = new LinkedHashMap<>();
        Map<String, String> clientByKey = new LinkedHashMap<>();
        List<ClientEntries.Entry> parsed = ClientEntries.parse(property, entries, "key");
        for (int i = 0; i < parsed.size(); i++) {
            String client = parsed.get(i).client();
            String key = parsed.get(i).value();
            String position = ClientEntries.position(property, i);
            if (keysByClient.containsKey(client)) {
                throw new IllegalArgumentException(position + ": client '" + client + "' is configured twice");
            }
            String sharing = clientByKey.putIfAbsent(key, client);
            if (sharing != null) {
                throw new IllegalArgumentException(position + ": client '" + client + "' has the same key as client '"
                        + sharing + "'; the key must identify the client");
            }
            keysByClient.put(client, key.getBytes(StandardCharsets.UTF_8));
        }
        return new ApiKeys(property, keysByClient);
    }

    /**
     * Refuses the former {@code api-keys.<client>=<key>} form instead of ignoring it: environment variables of that
     * form lose or mangle the client name, and silently starting without the keys would lock the clients out.
     *
     * @throws IllegalArgumentException
     *             naming the first property of the former form
     */
    public static void rejectPerClientProperties(String property, Iterable<String> propertyNames) {
        ClientEntries.rejectPerClientProperties(property, propertyNames,
                "uses the former per-client form, which is no longer read", "key");
    }

    /** The property the keys were configured in. */
    public String property() {
        return property;
    }

    /** The configured client names, in configuration order. */
    public Set<String> clients() {
        return Collections.unmodifiableSet(keysByClient.keySet());
    }

    /** The client whose key was presented. Compares in constant time so response timing does not reveal keys. */
    public Optional<String> clientOf(String presentedKey) {
        byte[] presented = presentedKey.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, byte[]> entry : keysByClient.entrySet()) {
            // Check every key, not just until the first match, so timing does not depend on the key's position.
            if (MessageDigest.isEqual(presented, entry.getValue())) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    @Override
    public String toString() {
        // Never the keys: this object may end up in a log line or a debugger.
        return "ApiKeys" + keysByClient.keySet();
    }
}
