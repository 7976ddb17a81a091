package io.trestle.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

import io.trestle.schema.SchemaSet.SchemaFile;

/**
 * The rules every schema of the model follows (see the module README), checked so that a schema that would be hard to
 * evolve or easy to misread never gets released.
 */
final class ModelRules {

    static final String NAMESPACE_PREFIX = "io.trestle.schema.";
    static final String METADATA_TYPE = "io.trestle.schema.common.EventMetadata";

    /** camelCase names ending in one of these words are instants: occurredAt, readingTime, windowStart, validTo… */
    private static final Pattern INSTANT_NAME = Pattern.compile("(^|[a-z0-9])(At|Time|Start|End|From|To|Until)$");
    private static final Pattern DATE_NAME = Pattern.compile("(^date|[a-z0-9]Date)$");
    private static final Pattern MONEY_NAME = Pattern.compile("(^amount|^rate|[a-z0-9]Amount|[a-z0-9]Rate)$");
    private static final Pattern ID_NAME = Pattern.compile("[a-z0-9]Id$");

    private final List<String> violations = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();

    private ModelRules() {
    }

    static List<String> violations(SchemaSet set) {
        ModelRules rules = new ModelRules();
        // Shared files first, so a type defined inline in one of them is reported against the file that defines it.
        set.all().stream().filter(SchemaFile::isShared).forEach(rules::checkFile);
        set.all().stream().filter(file -> !file.isShared()).forEach(rules::checkFile);
        return List.copyOf(rules.violations);
    }

    private void checkFile(SchemaFile file) {
        Schema schema = file.schema();
        String expectedName = file.path().getFileName().toString().replaceFirst("\\.avsc$", "");
        if (!schema.getName().equals(expectedName)) {
            report(file, schema.getName(), "the file must be named after its type, " + schema.getName() + ".avsc");
        }
        if (!(NAMESPACE_PREFIX + file.domain()).equals(schema.getNamespace())) {
            report(file, schema.getName(), "namespace must be " + NAMESPACE_PREFIX + file.domain()
                    + " (the folder), not " + schema.getNamespace());
        }
        if (file.isShared()) {
            if (schema.getType() != Schema.Type.RECORD && schema.getType() != Schema.Type.ENUM) {
                report(file, schema.getName(), "a shared type must be a record or an enum");
            }
        } else if (schema.getType() != Schema.Type.RECORD) {
            report(file, schema.getName(), "a domain file must hold an event record");
        } else {
            checkMetadataFirst(file, schema);
        }
        visit(file, schema.getName(), schema);
    }

    private void checkMetadataFirst(SchemaFile file, Schema record) {
        List<Field> fields = record.getFields();
        Field first = fields.isEmpty() ? null : fields.get(0);
        if (first == null || !first.name().equals("metadata")
                || !METADATA_TYPE.equals(first.schema().getFullName())) {
            report(file, record.getName(), "an event's first field must be 'metadata' of type " + METADATA_TYPE);
        }
    }

    private void visit(SchemaFile file, String where, Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!visited.add(schema.getFullName())) {
                    return;
                }
                requireDoc(file, schema.getName(), schema.getDoc());
                for (Field field : schema.getFields()) {
                    String fieldWhere = schema.getName() + "." + field.name();
                    checkField(file, fieldWhere, field);
                    visit(file, fieldWhere, field.schema());
                }
            }
            case ENUM -> {
                if (!visited.add(schema.getFullName())) {
                    return;
                }
                requireDoc(file, schema.getName(), schema.getDoc());
                if (schema.getEnumDefault() == null || !schema.getEnumSymbols().contains(schema.getEnumDefault())) {
                    report(file, schema.getName(),
                            "an enum needs a default symbol (one of its symbols) so readers survive new symbols");
                }
            }
            case ARRAY -> visit(file, where + "[]", schema.getElementType());
            case MAP -> visit(file, where + "{}", schema.getValueType());
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
                    report(file, where, "a union must be [\"null\", T]: optional values only, null first");
                }
                branches.forEach(branch -> visit(file, where, branch));
            }
            default -> {
            }
        }
    }

    private void checkField(SchemaFile file, String where, Field field) {
        requireDoc(file, where, field.doc());
        Schema type = field.schema();
        if (type.getType() == Schema.Type.UNION && type.isNullable()
                && !(field.hasDefaultValue() && field.defaultVal() == JsonProperties.NULL_VALUE)) {
            report(file, where, "an optional field needs \"default\": null");
        }
        Schema value = nonNull(type);
        LogicalType logicalType = value.getLogicalType();
        boolean instant = logicalType instanceof LogicalTypes.TimestampMillis;
        boolean date = logicalType instanceof LogicalTypes.Date;
        // Structured fields name what they hold (resolvedFrom is provenance), so only scalars must follow the suffixes.
        boolean scalar = switch (value.getType()) {
            case RECORD, ARRAY, MAP, ENUM -> false;
            default -> true;
        };
        if (scalar && INSTANT_NAME.matcher(field.name()).find() != instant) {
            report(file, where, instant
                    ? "a timestamp's name ends in At, Time, Start, End, From, To or Until"
                    : "a name ending in At, Time, Start, End, From, To or Until needs logicalType timestamp-millis");
        }
        if (DATE_NAME.matcher(field.name()).find() != date) {
            report(file, where, date
                    ? "a date's name ends in Date"
                    : "a name ending in Date needs logicalType date");
        }
        if (MONEY_NAME.matcher(field.name()).find() && !(logicalType instanceof LogicalTypes.Decimal)) {
            report(file, where, "money (amount, rate) needs logicalType decimal, never a floating-point type");
        }
        if (ID_NAME.matcher(field.name()).find() && value.getType() != Schema.Type.STRING) {
            report(file, where, "ids are strings");
        }
    }

    private void requireDoc(SchemaFile file, String where, String doc) {
        if (doc == null || doc.isBlank()) {
            report(file, where, "needs a non-blank doc");
        }
    }

    private void report(SchemaFile file, String where, String problem) {
        violations.add(file + ": " + where + ": " + problem);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst()
                .orElse(schema);
    }
}
