package io.trestle.odooconnector.source;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one Odoo record as a source read it, normalised so that the mapping cannot tell a database row from an
 * API record.
 *
 * <p>
 * Values by field type: char/text → {@link String} (translatable fields already resolved to the configured language);
 * integer → {@link Long}; float/monetary → {@link Double}; boolean → {@link Boolean} (Odoo's NULL is false); date →
 * {@link java.time.LocalDate}; datetime → {@link Instant} (Odoo stores UTC); selection → its key as {@link String};
 * many2one → {@link Reference}; many2many → sorted {@code List<Long>} of ids; an empty value → absent from the map or
 * null.
 *
 * @param deleted
 *            true when the record was deleted in Odoo; {@code values} then holds what the source still knew (possibly
 *            nothing but the id)
 */
public record OdooRecord(OdooModel model, long id, Map<String, Object> values, boolean deleted) {

    public OdooRecord {
        Objects.requireNonNull(model, "model");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A many2one value: the target's id and, when the source knows it, its display name. */
    public record Reference(long id, String name) {
    }

    public static OdooRecord deletion(OdooModel model, long id) {
        return new OdooRecord(model, id, Map.of(), true);
    }

    /** Odoo's {@code write_date}: when the record last changed; null when the source does not know it. */
    public Instant writeDate() {
        return (Instant) values.get("write_date");
    }
}
