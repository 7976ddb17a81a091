package io.trestle.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import io.trestle.schema.SchemaSet.SchemaFile;

/**
 * BACKWARD compatibility of a schema set with a released baseline: a consumer built on the current schemas must read
 * every record a producer wrote with the baseline schemas, as the registry's BACKWARD rule demands.
 */
final class CompatibilityGate {

    private CompatibilityGate() {
    }

    static List<String> breakingChanges(SchemaSet baseline, SchemaSet current) {
        List<String> breaks = new ArrayList<>();
        for (SchemaFile released : baseline.all()) {
            Optional<SchemaFile> now = current.find(released.schema().getFullName());
            if (now.isEmpty()) {
                breaks.add(released + ": " + released.schema().getFullName()
                        + " was released and is gone (removed, renamed or moved to another namespace)");
                continue;
            }
            Schema reader = now.get().schema();
            Schema writer = released.schema();
            for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                    .getResult().getIncompatibilities()) {
                breaks.add(now.get() + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                        + incompatibility.getMessage());
            }
            // Avro compares physical types only: a decimal's scale or a timestamp's unit could change unnoticed.
            compareLogicalTypes(now.get() + ": " + reader.getName(), reader, writer, new HashSet<>(), breaks);
        }
        return List.copyOf(breaks);
    }

    private static void compareLogicalTypes(String where, Schema reader, Schema writer, Set<String> seen,
            List<String> breaks) {
        if (writer.getType() == Schema.Type.UNION) {
            writer.getTypes().forEach(branch -> compareLogicalTypes(where, reader, branch, seen, breaks));
            return;
        }
        if (reader.getType() == Schema.Type.UNION) {
            reader.getTypes().stream().filter(branch -> sameType(branch, writer)).findFirst()
                    .ifPresent(branch -> compareLogicalTypes(where, branch, writer, seen, breaks));
            return;
        }
        if (!sameType(reader, writer)) {
            return;
        }
        if (!readsSameValues(reader.getLogicalType(), writer.getLogicalType())) {
            breaks.add(where + ": logical type changed from " + describe(writer.getLogicalType()) + " to "
                    + describe(reader.getLogicalType()) + ", so released data would be read with another meaning");
        }
        switch (writer.getType()) {
            case RECORD -> {
                if (!seen.add(writer.getFullName())) {
                    return;
                }
                for (Field readerField : reader.getFields()) {
                    Field writerField = SchemaCompatibility.lookupWriterField(writer, readerField);
                    if (writerField != null) {
                        compareLogicalTypes(where + "." + readerField.name(), readerField.schema(),
                                writerField.schema(), seen, breaks);
                    }
                }
            }
            case ARRAY -> compareLogicalTypes(where + "[]", reader.getElementType(), writer.getElementType(), seen,
                    breaks);
            case MAP -> compareLogicalTypes(where + "{}", reader.getValueType(), writer.getValueType(), seen, breaks);
            default -> {
            }
        }
    }

    private static boolean sameType(Schema reader, Schema writer) {
        if (reader.getType() != writer.getType()) {
            return false;
        }
        return switch (reader.getType()) {
            case RECORD, ENUM, FIXED -> SchemaCompatibility.schemaNameEquals(reader, writer);
            default -> true;
        };
    }

    private static boolean readsSameValues(LogicalType reader, LogicalType writer) {
        if (reader instanceof LogicalTypes.Decimal readerDecimal
                && writer instanceof LogicalTypes.Decimal writerDecimal) {
            // A wider precision still holds every released value; the scale gives the bytes their meaning.
            return readerDecimal.getScale() == writerDecimal.getScale()
                    && readerDecimal.getPrecision() >= writerDecimal.getPrecision();
        }
        return describe(reader).equals(describe(writer));
    }

    private static String describe(LogicalType logicalType) {
        if (logicalType == null) {
            return "none";
        }
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return logicalType.getName();
    }
}
