package io.trestle.odoosink.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.SearchOptions;

/**
 * How canonical ids reach Odoo records. A canonical id of what Odoo owns is the record's database id; anything else is
 * refused rather than matched by name. Records the sink creates get external ids derived from the event's own id, so a
 * redelivery finds the record it created.
 */
public final class OdooIds {

    /** A positive decimal that fits Odoo's integer ids, without sign or leading zeros. */
    private static final Pattern DATABASE_ID = Pattern.compile("[1-9][0-9]{0,17}");

    private OdooIds() {
    }

    static boolean isDatabaseId(String canonicalId) {
        return DATABASE_ID.matcher(canonicalId).matches();
    }

    /**
     * {@code <module>.<kind>_<id>}, with the id escaped so that distinct ids never share an external id: letters and
     * digits stay, {@code _} becomes {@code __}, any other character {@code _<hex code point>_} (so work order
     * {@code fleet:WO-7} becomes {@code work_order_fleet_3a_WO_2d_7}).
     */
    public static String externalId(String module, String kind, String id) {
        StringBuilder name = new StringBuilder(module).append('.').append(kind).append('_');
        id.codePoints().forEach(c -> {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                name.appendCodePoint(c);
            } else if (c == '_') {
                name.append("__");
            } else {
                name.append('_').append(Integer.toHexString(c)).append('_');
            }
        });
        return name.toString();
    }

    /** The name part of an external id, as {@code ir.model.data} stores it apart from the module. */
    static String name(String externalId) {
        return externalId.substring(externalId.indexOf('.') + 1);
    }

    /**
     * The database ids of those of {@code names} (in {@code module}, on {@code model}) Odoo knows, by name; one call.
     */
    static Map<String, Long> existing(OdooClient odoo, String module, String model, Collection<String> names) {
        return odoo.searchRead("ir.model.data",
                List.of(List.of("module", "=", module), List.of("model", "=", model),
                        List.of("name", "in", List.copyOf(names))),
                List.of("name", "res_id"), SearchOptions.none())
                .stream()
                .collect(Collectors.toMap(row -> (String) row.get("name"),
                        row -> ((Number) row.get("res_id")).longValue(), (first, second) -> first));
    }
}
