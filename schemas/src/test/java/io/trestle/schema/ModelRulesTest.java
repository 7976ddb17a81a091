package io.trestle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRulesTest {

    private static final String PROBE_FILE = "equipment/Probe.avsc";

    @TempDir
    Path root;

    @Test
    void everySchemaOfTheModelFollowsTheRules() {
        assertThat(ModelRules.violations(SchemaSet.load(SchemaSet.SOURCES))).isEmpty();
    }

    @Test
    void aWellFormedEventPasses() throws IOException {
        assertThat(violationsOf(
                event("""
                        {"name": "assetId", "type": "string", "doc": "Asset."},
                        {"name": "detectedAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null, "doc": "When."}
                        """)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            field without doc              | {"name": "assetId", "type": "string"}                                                  | Probe.assetId: needs a non-blank doc
            null not first in union        | {"name": "note", "type": ["string", "null"], "default": "x", "doc": "d"}             | Probe.note: a union must be ["null", T]
            optional field without default | {"name": "note", "type": ["null", "string"], "doc": "d"}                             | Probe.note: an optional field needs "default": null
            enum without default           | {"name": "level", "doc": "d", "type": {"type": "enum", "name": "Level", "doc": "d", "symbols": ["A", "B"]}} | Level: an enum needs a default symbol
            instant name without timestamp | {"name": "windowStart", "type": "long", "doc": "d"}                                  | Probe.windowStart: a name ending in At, Time, Start, End, From, To or Until needs logicalType timestamp-millis
            timestamp without instant name | {"name": "reading", "type": {"type": "long", "logicalType": "timestamp-millis"}, "doc": "d"} | Probe.reading: a timestamp's name ends in
            date name without date type    | {"name": "startDate", "type": "string", "doc": "d"}                                  | Probe.startDate: a name ending in Date needs logicalType date
            money as floating point        | {"name": "hourlyRate", "type": "double", "doc": "d"}                                 | Probe.hourlyRate: money (amount, rate) needs logicalType decimal
            numeric id                     | {"name": "assetId", "type": "long", "doc": "d"}                                      | Probe.assetId: ids are strings
            """)
    void reportsABrokenRuleWithFileAndField(String rule, String field, String expected) throws IOException {
        assertThat(violationsOf(event(field))).as(rule)
                .anySatisfy(violation -> assertThat(violation).startsWith(PROBE_FILE + ": ").contains(expected));
    }

    @Test
    void reportsAnEventWithoutMetadataFirst() throws IOException {
        String json = """
                {"type": "record", "name": "Probe", "namespace": "io.trestle.schema.equipment", "doc": "A probe.",
                 "fields": [{"name": "assetId", "type": "string", "doc": "Asset."}]}
                """;
        assertThat(violationsOf(json))
                .containsExactly(PROBE_FILE + ": Probe: an event's first field must be 'metadata' of type "
                        + ModelRules.METADATA_TYPE);
    }

    @Test
    void reportsANamespaceThatIsNotTheFolder() throws IOException {
        assertThat(violationsOf(event("").replace("io.trestle.schema.equipment", "io.trestle.schema.cost")))
                .containsExactly(PROBE_FILE + ": Probe: namespace must be io.trestle.schema.equipment (the folder),"
                        + " not io.trestle.schema.cost");
    }

    private static String event(String moreFields) {
        String fields = moreFields.isBlank() ? "" : "," + moreFields;
        return """
                {"type": "record", "name": "Probe", "namespace": "io.trestle.schema.equipment", "doc": "A probe.",
                 "fields": [{"name": "metadata", "type": "io.trestle.schema.common.EventMetadata", "doc": "Provenance."}%s]}
                """
                .formatted(fields);
    }

    private List<String> violationsOf(String probeJson) throws IOException {
        Path common = Files.createDirectories(root.resolve("common"));
        try (Stream<Path> shared = Files.list(SchemaSet.SOURCES.resolve("common"))) {
            for (Path file : shared.toList()) {
                Files.copy(file, common.resolve(file.getFileName()));
            }
        }
        Path probe = root.resolve(PROBE_FILE);
        Files.createDirectories(probe.getParent());
        Files.writeString(probe, probeJson);
        return ModelRules.violations(SchemaSet.load(root));
    }
}
