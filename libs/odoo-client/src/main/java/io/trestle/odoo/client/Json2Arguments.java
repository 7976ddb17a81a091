package io.trestle.odoo.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns {@code execute_kw}-style positional arguments into the named arguments JSON-2 requires. Names follow the ORM
 * signatures of Odoo 19; {@code ids} is JSON-2's name for the records a record method runs on.
 */
final class Json2Arguments {

    private static final Map<String, List<String>> POSITIONAL_NAMES = Map.of(
            "create", List.of("vals_list"),
            "write", List.of("ids", "vals"),
            "unlink", List.of("ids"),
            "read", List.of("ids", "fields", "load"),
            "search", List.of("domain", "offset", "limit", "order"),
            "search_read", List.of("domain", "fields", "offset", "limit", "order"),
            "search_count", List.of("domain", "limit"),
            "load", List.of("fields", "data"),
            "fields_get", List.of("allfields", "attributes"));

    private Json2Arguments() {
    }

    static ObjectNode named(String method, List<?> args, Map<String, ?> kwargs) {
        List<String> names = POSITIONAL_NAMES.getOrDefault(method, List.of());
        if (args.size() > names.size()) {
            throw new IllegalArgumentException("JSON-2 takes named arguments only: pass the arguments of " + method
                    + " as kwargs" + (names.isEmpty() ? "" : " (positional arguments known for it: " + names + ")"));
        }
        ObjectNode body = OdooJson.MAPPER.createObjectNode();
        for (int i = 0; i < args.size(); i++) {
            body.set(names.get(i), OdooJson.toTree(args.get(i)));
        }
        kwargs.forEach((name, value) -> {
            if (body.has(name)) {
                throw new IllegalArgumentException(method + " got argument " + name + " both by position and by name");
            }
            body.set(name, OdooJson.toTree(value));
        });
        return body;
    }
}
