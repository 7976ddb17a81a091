package io.trestle.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the major version out of Odoo's {@code version_info}. */
final class ServerVersions {

    private ServerVersions() {
    }

    /** {@code 17} from {@code 17}, and from {@code "saas~17"} as Odoo's SaaS releases spell it. */
    static int major(JsonNode first) {
        if (first.isIntegralNumber()) {
            return first.asInt();
        }
        String digits = first.asText().replaceAll("\\D", "");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("cannot read a major version from " + first);
        }
        return Integer.parseInt(digits);
    }
}
