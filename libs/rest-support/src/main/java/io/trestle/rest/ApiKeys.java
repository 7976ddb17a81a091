package io.trestle.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys of a service's clients, parsed from one property of comma-separated {@code client:key} entries (e.g.
 * {@code trestle.equipment-connector.api-keys}), split at the first {@code ':'} so keys may contain colons. Every
 * problem is reported by property, entry number and client name; key values never appear in messages or logs.
 */
public final class ApiKeys {

    /** Lower case only: the name becomes the source system {@code push:<client>} and must not vary in case. */
    static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

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
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String position = property + " entry " + (i + 1);
            int separator = entry.indexOf(':');
            if (separator < 0) {
                throw new IllegalArgumentException(position + " has no ':' between client and key; expected "
                        + "comma-separated client:key entries, e.g. acme:<key>");
            }
            String client = entry.substring(0, separator).strip();
            // Stripped because HTTP drops the leading and trailing blanks of a header value: such a key could never
            // be presented.
            String key = entry.substring(separator + 1).strip();
            if (!CLIENT_NAME.matcher(client).matches()) {
                // Not echoed: in an entry that is a bare key containing ':', part of the key stands here.
                throw new IllegalArgumentException(position + ": the client name before the first ':' must match "
                        + CLIENT_NAME.pattern() + " (not shown, in case it is part of a key)");
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException(position + " (client '" + client + "') has a blank key");
            }
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
        String env = property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        for (String name : propertyNames) {
            if (name.startsWith(property + ".") || name.startsWith(env + "_")) {
                throw new IllegalArgumentException(name + " uses the former per-client form, which is no longer "
                        + "read; configure all clients in " + property + " (env " + env
                        + ") as comma-separated client:key entries");
            }
        }
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
