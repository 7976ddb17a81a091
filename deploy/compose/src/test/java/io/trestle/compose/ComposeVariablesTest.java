package io.trestle.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ComposeVariablesTest {

    @Test
    void defaultsApplyToUnsetVariablesAndColonDefaultsToEmptyOnesToo() {
        Map<String, String> environment = Map.of("SET", "value", "EMPTY", "");

        assertThat(ComposeVariables.interpolate("${SET:-d}|${UNSET:-d}|${EMPTY:-d}|${EMPTY-d}|${UNSET-d}", environment))
                .isEqualTo("value|d|d||d");
    }

    @Test
    void plainReferencesAreReplacedAndUnsetOnesBecomeEmpty() {
        assertThat(ComposeVariables.interpolate("$A-${A}-${B}.", Map.of("A", "x"))).isEqualTo("x-x-.");
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        assertThat(ComposeVariables.interpolate("--db-filter=^${DB:-trestle}$$", Map.of()))
                .isEqualTo("--db-filter=^trestle$");
    }

    @Test
    void defaultsMayThemselvesReferToVariables() {
        assertThat(ComposeVariables.interpolate("${KEY:-${FALLBACK:-none}}", Map.of("FALLBACK", "f"))).isEqualTo("f");
        assertThat(ComposeVariables.interpolate("${KEY:-${FALLBACK:-none}}", Map.of())).isEqualTo("none");
    }

    @Test
    void requiredVariablesFailWhenUnsetNamingTheVariable() {
        assertThatThrownBy(() -> ComposeVariables.interpolate("${SECRET:?set a secret}", Map.of()))
                .hasMessageContaining("SECRET").hasMessageContaining("set a secret");
        assertThat(ComposeVariables.interpolate("${SECRET:?set a secret}", Map.of("SECRET", "s"))).isEqualTo("s");
    }

    @Test
    void alternativesApplyOnlyToSetVariables() {
        assertThat(ComposeVariables.interpolate("[${A:+on}][${B:+on}]", Map.of("A", "1"))).isEqualTo("[on][]");
    }

    @Test
    void aLoneDollarOrAnUnclosedBraceIsRefusedAsComposeRefusesIt() {
        assertThatThrownBy(() -> ComposeVariables.interpolate("price in $", Map.of())).hasMessageContaining("'$$'");
        assertThatThrownBy(() -> ComposeVariables.interpolate("${A:-x", Map.of())).hasMessageContaining("closing");
        assertThatThrownBy(() -> ComposeVariables.interpolate("${A/x}", Map.of())).hasMessageContaining("operator");
    }

    @Test
    void referencedListsEveryVariableWithItsDefaultWithoutRequiringAny() {
        assertThat(ComposeVariables.referenced("${A:-1} ${B} ${C:?needed} ${A:-2} ${D:-${E:-x}}"))
                .containsExactly(Map.entry("A", Optional.of("1")), Map.entry("B", Optional.empty()),
                        Map.entry("C", Optional.empty()), Map.entry("E", Optional.of("x")),
                        Map.entry("D", Optional.of("x")));
    }
}
