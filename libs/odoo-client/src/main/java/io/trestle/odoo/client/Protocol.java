package io.trestle.odoo.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One wire protocol of Odoo's external API; both speak the same model methods. */
interface Protocol {

    OdooServerVersion version();

    long uid();

    /**
     * @param idempotent
     *            whether the call may be repeated after a failure that leaves its outcome unknown
     */
    JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs, boolean idempotent);
}
