package io.trestle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.junit.jupiter.api.Test;

class BackwardCompatibilityTest {

    private static final SchemaSet BASELINE = SchemaSet.load(SchemaSet.BASELINE);
    private static final String COST_POSTING = "io.trestle.schema.cost.CostPosting";

    @Test
    void currentSchemasReadEverythingWrittenWithTheReleasedBaseline() throws IOException {
        assertThat(CompatibilityGate.breakingChanges(BASELINE, SchemaSet.load(SchemaSet.SOURCES)))
                .as("changes that break BACKWARD compatibility with release %s (schemas/README.md says how to evolve)",
                        release())
                .isEmpty();
    }

    @Test
    void baselineNamesTheReleaseItWasTakenFrom() throws IOException {
        assertThat(release()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void gateRejectsANewFieldWithoutDefault() {
        Schema changed = changeCostPosting(fields -> {
            fields.add(new Field("machineHours", Schema.create(Schema.Type.DOUBLE), "Required, no default."));
            return fields;
        });

        assertThat(CompatibilityGate.breakingChanges(BASELINE, BASELINE.replacing(changed)))
                .anySatisfy(breaking -> assertThat(breaking).startsWith("cost/CostPosting.avsc: ")
                        .contains("READER_FIELD_MISSING_DEFAULT").contains("machineHours"));
    }

    @Test
    void gateRejectsAChangedFieldType() {
        Schema changed = changeCostPosting(
                fields -> replace(fields, "operatingHours", Schema.create(Schema.Type.STRING)));

        assertThat(CompatibilityGate.breakingChanges(BASELINE, BASELINE.replacing(changed)))
                .anySatisfy(breaking -> assertThat(breaking).startsWith("cost/CostPosting.avsc: ")
                        .contains("TYPE_MISMATCH").contains("/fields/"));
    }

    @Test
    void gateRejectsAChangedDecimalScale() {
        Schema fourDecimals = LogicalTypes.decimal(18, 4).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema changed = changeCostPosting(fields -> replace(fields, "amount", fourDecimals));

        assertThat(CompatibilityGate.breakingChanges(BASELINE, BASELINE.replacing(changed)))
                .containsExactly("cost/CostPosting.avsc: CostPosting.amount: logical type changed from decimal(18,2)"
                        + " to decimal(18,4), so released data would be read with another meaning");
    }

    @Test
    void gateRejectsARemovedRecord() {
        assertThat(CompatibilityGate.breakingChanges(BASELINE, BASELINE.without(COST_POSTING)))
                .containsExactly("cost/CostPosting.avsc: " + COST_POSTING
                        + " was released and is gone (removed, renamed or moved to another namespace)");
    }

    @Test
    void gateAcceptsAnOptionalFieldAppendedWithDefaultNull() {
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema changed = changeCostPosting(fields -> {
            fields.add(new Field("remark", optional, "Optional.", JsonProperties.NULL_VALUE));
            return fields;
        });

        assertThat(CompatibilityGate.breakingChanges(BASELINE, BASELINE.replacing(changed))).isEmpty();
    }

    private static Schema changeCostPosting(UnaryOperator<List<Field>> change) {
        Schema released = BASELINE.get(COST_POSTING).schema();
        List<Field> fields = new ArrayList<>();
        released.getFields().forEach(field -> fields.add(new Field(field, field.schema())));
        return Schema.createRecord(released.getName(), released.getDoc(), released.getNamespace(), false,
                change.apply(fields));
    }

    private static List<Field> replace(List<Field> fields, String name, Schema type) {
        fields.replaceAll(field -> field.name().equals(name) ? new Field(field, type) : field);
        return fields;
    }

    private static String release() throws IOException {
        return Files.readString(SchemaSet.BASELINE.resolve("RELEASE")).strip();
    }
}
