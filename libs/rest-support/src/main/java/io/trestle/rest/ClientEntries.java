package io.trestle.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the per-client credentials of a service, one property of comma-separated {@code client:value} entries, split
 * at the first {@code ':'} so values may contain colons. A list rather than a map by client name, because environment
 * variable names cannot carry client names like {@code local-demo}. Every problem is reported by property, entry number
 * and client name; values never appear in messages.
 */
final class ClientEntries {

    /** Lower case only: the name becomes the source system {@code push:<client>} and must not vary in case. */
    static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** One configured entry; the value is a credential and must never be logged. */
    record Entry(String client, String value) {

        @Override
        public String toString() {
            return "Entry[" + client + "]";
        }
    }

    private ClientEntries() {
    }

    /**
     * @param valueName
     *            what the value is, for messages: {@code key}, {@code secret}
     * @throws IllegalArgumentException
     *             naming the first malformed entry by position (and client, where it has one)
     */
    static List<Entry> parse(String property, List<String> entries, String valueName) {
        List<Entry> parsed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String position = position(property, i);
            int separator = entry.indexOf(':');
            if (separator < 0) {
                throw new IllegalArgumentException(position + " has no ':' between client and " + valueName
                        + "; expected comma-separated client:" + valueName + " entries, e.g. acme:<" + valueName + ">");
            }
            String client = entry.substring(0, separator).strip();
            // Stripped because HTTP drops the leading and trailing blanks of a header value, and a secret typed with
            // them into an environment variable would silently differ from the one the client holds.
            String value = entry.substring(separator + 1).strip();
            if (!CLIENT_NAME.matcher(client).matches()) {
                // Not echoed: in an entry that is a bare value containing ':', part of the value stands here.
                throw new IllegalArgumentException(position + ": the client name before the first ':' must match "
                        + CLIENT_NAME.pattern() + " (not shown, in case it is part of a " + valueName + ")");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(position + " (client '" + client + "') has a blank " + valueName);
            }
            parsed.add(new Entry(client, value));
        }
        return parsed;
    }

    static String position(String property, int index) {
        return property + " entry " + (index + 1);
    }

    /**
     * Refuses per-client properties ({@code <property>.<client>=<value>}, or its environment variable form) instead of
     * ignoring them: such names lose or mangle the client name, and silently starting without them would lock clients
     * out or, for signing secrets, stop requiring their signatures.
     *
     * @param problem
     *            why such a property is refused, after its name
     */
    static void rejectPerClientProperties(String property, Iterable<String> propertyNames, String problem,
            String valueName) {
        String env = property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        for (String name : propertyNames) {
            if (name.startsWith(property + ".") || name.startsWith(env + "_")) {
                throw new IllegalArgumentException(name + " " + problem + "; configure all clients in " + property
                        + " (env " + env + ") as comma-separated client:" + valueName + " entries");
            }
        }
    }
}
