package io.trestle.devregistry.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trestle.devregistry.store.RuleType;

class RuleEngineTest {

    private static final SchemaText V1 = schema("""
            {"type":"record","name":"T","fields":[{"name":"a","type":"string"}]}""");
    private static final SchemaText V2_OPTIONAL_B = schema("""
            {"type":"record","name":"T","fields":[{"name":"a","type":"string"},
              {"name":"b","type":["null","int"],"default":null}]}""");
    private static final SchemaText REQUIRED_B = schema("""
            {"type":"record","name":"T","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}""");
    private static final SchemaText WITHOUT_A = schema("""
            {"type":"record","name":"T","fields":[{"name":"b","type":["null","int"],"default":null}]}""");
    private static final SchemaText INVALID = schema("""
            {"type":"record","name":"Broken","fields":[{"name":"a","type":"nosuchtype"}]}""");

    private final RuleEngine engine = new RuleEngine();

    @Test
    void backwardRejectsANewFieldWithoutDefaultNamingFieldAndLocation() {
        assertThatThrownBy(() -> compatibility("BACKWARD", List.of(V1), REQUIRED_B))
                .isInstanceOfSatisfying(RuleViolationException.class, violation -> {
                    assertThat(violation.causes()).containsExactly(new RuleViolation("b", "/fields/1"));
                    assertThat(violation.getMessage()).isEqualTo(
                            "Incompatible artifact: t-value [AVRO], num of incompatible diffs: {1}, list of diff types: [b at /fields/1]");
                    assertThat(violation.detail()).endsWith("] Causes: b at /fields/1");
                });
    }

    @Test
    void forwardAcceptsANewRequiredFieldButRejectsRemovingOne() {
        assertThatCode(() -> compatibility("FORWARD", List.of(V1), REQUIRED_B)).doesNotThrowAnyException();
        assertThatThrownBy(() -> compatibility("FORWARD", List.of(V1), WITHOUT_A))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void fullChecksBothDirections() {
        assertThatCode(() -> compatibility("FULL", List.of(V1), V2_OPTIONAL_B)).doesNotThrowAnyException();
        assertThatThrownBy(() -> compatibility("FULL", List.of(V1), REQUIRED_B))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> compatibility("FULL", List.of(V1), WITHOUT_A))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersionWhilePlainLevelsCheckOnlyTheLatest() {
        // REQUIRED_B reads data written with REQUIRED_B, but not data written with V1 (b is missing, no default).
        assertThatCode(() -> compatibility("BACKWARD", List.of(V1, REQUIRED_B), REQUIRED_B))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> compatibility("BACKWARD_TRANSITIVE", List.of(V1, REQUIRED_B), REQUIRED_B))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void noneAndNoExistingContentAcceptAnything() {
        assertThatCode(() -> compatibility("NONE", List.of(V1), REQUIRED_B)).doesNotThrowAnyException();
        assertThatCode(() -> compatibility("BACKWARD", List.of(), REQUIRED_B)).doesNotThrowAnyException();
    }

    @Test
    void validityRejectsAnUnparseableSchemaWithApicuriosMessage() {
        assertThatThrownBy(() -> engine.apply(Map.of(RuleType.VALIDITY, "FULL"), "x", "AVRO", List.of(), INVALID))
                .isInstanceOfSatisfying(RuleViolationException.class, violation -> {
                    assertThat(violation.detail()).isEqualTo("Syntax violation for Avro artifact.");
                    assertThat(violation.causes()).isEmpty();
                });
        assertThatCode(() -> engine.apply(Map.of(RuleType.VALIDITY, "NONE"), "x", "AVRO", List.of(), INVALID))
                .doesNotThrowAnyException();
    }

    @Test
    void compatibilityAgainstAnUnparseableSchemaIsUnprocessable() {
        assertThatThrownBy(() -> compatibility("BACKWARD", List.of(INVALID), V1))
                .isInstanceOf(UnprocessableSchemaException.class);
    }

    @Test
    void referencedTypesAreKnownWhenParsing() {
        SchemaText money = schema("""
                {"type":"record","name":"Money","namespace":"tx.common","fields":[{"name":"units","type":"long"}]}""");
        SchemaText order = new SchemaText(
                """
                        {"type":"record","name":"Order","namespace":"tx","fields":[{"name":"amount","type":"tx.common.Money"}]}""",
                List.of(money.content()));

        assertThat(AvroSchemas.isValid(order)).isTrue();
        assertThat(AvroSchemas.isValid(SchemaText.standalone(order.content()))).isFalse();
        assertThat(AvroSchemas.dereference(order)).contains("\"type\":{\"type\":\"record\",\"name\":\"Money\"");
    }

    @Test
    void ruleConfigurationsAreValidatedPerType() {
        assertThat(RuleEngine.isValidConfig(RuleType.COMPATIBILITY, "FULL_TRANSITIVE")).isTrue();
        assertThat(RuleEngine.isValidConfig(RuleType.COMPATIBILITY, "SYNTAX_ONLY")).isFalse();
        assertThat(RuleEngine.isValidConfig(RuleType.VALIDITY, "SYNTAX_ONLY")).isTrue();
        assertThat(RuleEngine.isValidConfig(RuleType.INTEGRITY, "REFS_EXIST,NO_DUPLICATES")).isTrue();
    }

    private void compatibility(String level, List<SchemaText> existing, SchemaText proposed) {
        engine.apply(Map.of(RuleType.COMPATIBILITY, level), "t-value", "AVRO", existing, proposed);
    }

    private static SchemaText schema(String json) {
        return SchemaText.standalone(json);
    }
}
