package io.trestle.odoo.standin.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** JSON and reprs as Python writes them, which clients comparing raw bodies (and the recording) see. */
class PythonJsonTest {

    @Test
    void floatsAreWrittenAsPythonsRepr() {
        assertThat(PythonFloat.repr(-1250.0)).isEqualTo("-1250.0");
        assertThat(PythonFloat.repr(5.5)).isEqualTo("5.5");
        assertThat(PythonFloat.repr(0.1)).isEqualTo("0.1");
        assertThat(PythonFloat.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloat.repr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(1234567890123456.0)).isEqualTo("1234567890123456.0");
        assertThat(PythonFloat.repr(2.5e-7)).isEqualTo("2.5e-07");
    }

    @Test
    void objectsKeepTheirKeyOrderWithPythonsSeparatorsAndEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1, 2.0, true, false));
        value.put("a", null);
        value.put("text", "line\nbreak \"quoted\" \u0001 é");

        assertThat(PythonJson.write(value)).isEqualTo(
                "{\"z\": [1, 2.0, true, false], \"a\": null, \"text\": \"line\\nbreak \\\"quoted\\\" \\u0001 é\"}");
    }

    @Test
    void reprQuotesAsPythonDoes() {
        assertThat(PythonRepr.tuple(List.of("foo_bar", "=", 1))).isEqualTo("('foo_bar', '=', 1)");
        assertThat(PythonRepr.tuple(List.of(99999999))).isEqualTo("(99999999,)");
        assertThat(PythonRepr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.repr(List.of(false, "x"))).isEqualTo("[False, 'x']");
    }
}
