package io.trestle.schema.avro;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as a map Jackson writes as plain JSON, field by field as the schema names them. Jackson cannot write
 * the generated classes themselves (their schema getters lead it astray), and going through the schema means a field
 * added to it shows in answers without a change here.
 */
public final class AvroJson {

    private AvroJson() {
    }

    public static Map<String, Object> of(IndexedRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            fields.put(field.name(), value(record.get(field.pos())));
        }
        return fields;
    }

    private static Object value(Object value) {
        if (value instanceof IndexedRecord nested) {
            return of(nested);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(AvroJson::value).toList();
        }
        // Avro strings may arrive as its own Utf8, and enums as generated types; both are written as text.
        if (value instanceof CharSequence || value instanceof Enum<?>) {
            return value.toString();
        }
        return value;
    }
}
