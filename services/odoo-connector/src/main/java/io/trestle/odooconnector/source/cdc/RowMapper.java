package io.trestle.odooconnector.source.cdc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.debezium.data.Envelope;
import io.debezium.data.Json;
import io.debezium.time.Date;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.Timestamp;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;

/**
 * Turns a Debezium change event of one captured table into an {@link OdooRecord} with the values normalised as the
 * record's javadoc prescribes. Many2one names are left null here: they live in other tables ({@link LookupQueries}).
 */
final class RowMapper {

    /** What Debezium sends for a TOASTed column an UPDATE left unchanged; set explicitly in the engine properties. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    private final CapturedColumns columns;
    private final Translations translations;

    RowMapper(CapturedColumns columns, Translations translations) {
        this.columns = columns;
        this.translations = translations;
    }

    /**
     * @param unavailable
     *            columns whose value the event did not carry (see {@link #UNAVAILABLE}); the record holds them as null
     *            until they are read from the database
     */
    record Row(OdooRecord record, Set<String> unavailable) {
    }

    /** Maps a create, read (snapshot), update or delete event; the envelope is the event's value. */
    Row map(OdooModel model, Struct envelope) {
        Envelope.Operation operation = Envelope.Operation.forCode(envelope.getString(Envelope.FieldName.OPERATION));
        if (operation == Envelope.Operation.DELETE) {
            Struct before = envelope.getStruct(Envelope.FieldName.BEFORE);
            return new Row(OdooRecord.deletion(model, id(before)), Set.of());
        }
        Struct after = envelope.getStruct(Envelope.FieldName.AFTER);
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> unavailable = new LinkedHashSet<>();
        for (String column : columns.of(model)) {
            Field field = after.schema().field(column);
            // A column can vanish while the source runs (Odoo drops it when a module is uninstalled).
            if (column.equals(CapturedColumns.ID) || field == null) {
                continue;
            }
            Object raw = after.get(field);
            if (UNAVAILABLE.equals(raw)) {
                unavailable.add(column);
                values.put(column, null);
            } else {
                values.put(column, value(model, column, field.schema(), raw));
            }
        }
        return new Row(new OdooRecord(model, id(after), values, false), unavailable);
    }

    /** Normalises a column value read with JDBC, for the text columns an event may lack. */
    Object text(String raw, boolean jsonb) {
        if (raw == null) {
            return null;
        }
        return jsonb ? translations.resolve(raw) : raw;
    }

    private Object value(OdooModel model, String column, Schema schema, Object raw) {
        if (raw == null) {
            // Odoo treats a NULL boolean as False, and so does its API.
            return schema.type() == Schema.Type.BOOLEAN ? Boolean.FALSE : null;
        }
        if (CapturedColumns.many2oneTarget(model, column).isPresent()) {
            return new OdooRecord.Reference(((Number) raw).longValue(), null);
        }
        if (columns.isRate(model, column)) {
            return ((Number) raw).doubleValue();
        }
        String logicalType = schema.name() == null ? "" : schema.name();
        switch (logicalType) {
            case MicroTimestamp.SCHEMA_NAME :
                // Odoo stores datetimes as UTC in "timestamp without time zone"; Debezium counts from the epoch as-is.
                return Instant.EPOCH.plus((Long) raw, ChronoUnit.MICROS);
            case Timestamp.SCHEMA_NAME :
                return Instant.ofEpochMilli((Long) raw);
            case Date.SCHEMA_NAME :
                return LocalDate.ofEpochDay((Integer) raw);
            case Json.LOGICAL_NAME :
                return translations.resolve((String) raw);
            default :
                break;
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> ((Number) raw).longValue();
            case FLOAT32, FLOAT64 -> ((Number) raw).doubleValue();
            default -> raw;
        };
    }

    private static long id(Struct row) {
        return ((Number) row.get(CapturedColumns.ID)).longValue();
    }
}
