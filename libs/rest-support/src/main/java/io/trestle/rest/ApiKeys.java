package io.trestle.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of a service's clients, parsed from one property of comma-separated {@code client:key} entries (e.g.
 * {@code trestle.equipment-connector.api-keys}), split at the first {@code ':'} so keys may contain colons. Every
 * problem is reported by property, entry number and client name; key values never appear in messages or logs.
 */
public final class ApiKeys {

    private final Map<String, byte[]> keysByClient;

    private ApiKeys(Map<String, byte[]> keysByClient) {
        this.keysByClient = keysByClient;
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
        return new ApiKeys(keysByClient);
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
