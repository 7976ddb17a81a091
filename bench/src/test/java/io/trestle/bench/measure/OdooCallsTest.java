package io.trestle.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OdooCallsTest {

    @Test
    void theDifferenceOfTwoSnapshotsNamesOnlyWhatWasCalledInBetween() {
        Map<String, Map<String, Long>> before = Map.of("common", Map.of("version", 2L),
                "account.analytic.account", Map.of("create", 121L));
        Map<String, Map<String, Long>> after = Map.of("common", Map.of("version", 5L, "authenticate", 1L),
                "account.analytic.account", Map.of("create", 121L), "account.analytic.line", Map.of("load", 40L));

        Map<String, Long> calls = OdooCalls.difference(before, after);

        assertThat(calls).containsExactly(Map.entry("account.analytic.line.load", 40L),
                Map.entry("common.authenticate", 1L), Map.entry("common.version", 3L));
        assertThat(OdooCalls.total(calls)).isEqualTo(44);
        assertThat(OdooCalls.dataCalls(calls)).isEqualTo(40);
    }
}
