package io.trestle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.SchemaParser;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.trestle.schema.SchemaSet.SchemaFile;

/**
 * The jar's generated classes are the .avsc files, and every logical type survives the trip through the wire format.
 */
class GeneratedClassesTest {

    private static final String JAVA_STRING_HINT = ",\"avro.java.string\":\"String\"";

    static Stream<SchemaFile> schemaFiles() {
        return SchemaSet.load(SchemaSet.SOURCES).all().stream();
    }

    static Stream<SchemaFile> recordFiles() {
        return schemaFiles().filter(file -> file.schema().getType() == Schema.Type.RECORD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void generatedClassCarriesTheSchemaOfItsFile(SchemaFile file) throws ReflectiveOperationException {
        Schema generated = (Schema) Class.forName(file.schema().getFullName()).getMethod("getClassSchema")
                .invoke(null);

        assertThat(withoutJavaStringHints(generated)).isEqualTo(withoutJavaStringHints(file.schema()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordFiles")
    void fullyPopulatedRecordSurvivesBinaryEncoding(SchemaFile file) throws Exception {
        Class<?> generated = Class.forName(file.schema().getFullName());
        SpecificData model = SpecificData.getForClass(generated);
        // The class's own schema, as consumers read with: only it tells the reader to make Strings of array items.
        Schema schema = model.getSchema(generated);
        Object record = sample(schema, model);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(schema, model).write(record, encoder);
        encoder.flush();
        Object decoded = new SpecificDatumReader<>(schema, schema, model)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        // Not equals(): a decoded array's equals ignores logical types and throws on HourlyRate (see README, pitfalls).
        assertThat(decoded).isInstanceOf(record.getClass()).usingRecursiveComparison().isEqualTo(record);
    }

    /** The schema without the {@code "avro.java.string"} hints the compiler adds for stringType String. */
    private static Schema withoutJavaStringHints(Schema schema) {
        return new SchemaParser().parse(schema.toString().replace(JAVA_STRING_HINT, "")).mainSchema();
    }

    /**
     * A value for every field, taking the non-null branch of optional ones and the last (non-default) enum symbol, so
     * that nothing passes merely by being absent or default.
     */
    private static Object sample(Schema schema, SpecificData model) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null) {
            return sampleOf(logicalType);
        }
        return switch (schema.getType()) {
            case RECORD -> sampleRecord(schema, model);
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1), schema);
            case ARRAY -> List.of(sample(schema.getElementType(), model));
            case MAP -> Map.of("key", sample(schema.getValueType(), model));
            case UNION -> sample(schema.getTypes().get(schema.getTypes().size() - 1), model);
            case STRING -> "text";
            case BYTES -> ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8));
            case INT -> 7;
            case LONG -> 7L;
            case FLOAT -> 7.5f;
            case DOUBLE -> 7.5d;
            case BOOLEAN -> true;
            case NULL -> null;
            case FIXED -> throw new IllegalArgumentException("no sample for fixed " + schema.getFullName());
        };
    }

    private static IndexedRecord sampleRecord(Schema schema, SpecificData model) {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Field field : schema.getFields()) {
            record.put(field.pos(), sample(field.schema(), model));
        }
        return record;
    }

    private static Object sampleOf(LogicalType logicalType) {
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal("1234.5").setScale(decimal.getScale());
        }
        return switch (logicalType.getName()) {
            case "timestamp-millis" -> Instant.parse("2025-03-01T07:30:15.250Z");
            case "date" -> LocalDate.of(2025, 3, 1);
            case "uuid" -> UUID.fromString("3f1c2e9a-5b7d-4c1e-9a2b-6d8e0f1a2b3c");
            default -> throw new IllegalArgumentException("no sample for logical type " + logicalType.getName());
        };
    }
}
