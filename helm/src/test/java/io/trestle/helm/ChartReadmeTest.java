package io.trestle.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The chart README's values reference (its "Values" section) against values.yaml: every value is documented, and every
 * documented value exists. A row's path may use {@code <placeholder>} segments (one key of a map, e.g.
 * {@code <service>}) and may document a whole subtree (e.g. {@code services.<service>.resources}).
 */
class ChartReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyValueIsDocumentedAndEveryDocumentedValueExists() throws IOException {
        String readme = Files.readString(TrestleChart.chart().resolve("README.md"));
        String reference = readme.substring(readme.indexOf("\n## Values\n"));
        reference = reference.substring(0, reference.indexOf("\n## ", 1));
        List<List<String>> documented = new ArrayList<>();
        Matcher row = ROW.matcher(reference);
        while (row.find()) {
            documented.add(segments(row.group(1)));
        }
        List<List<String>> values = new ArrayList<>();
        leaves(TrestleChart.defaultValues(), new ArrayList<>(), values);

        assertThat(values).as("values missing from the README's values reference")
                .allSatisfy(value -> assertThat(documented.stream().anyMatch(doc -> covers(doc, value)))
                        .as(String.join(".", value)).isTrue());
        assertThat(documented).as("documented values that values.yaml does not have")
                .allSatisfy(doc -> assertThat(values.stream().anyMatch(value -> covers(doc, value)))
                        .as(String.join(".", doc)).isTrue());
    }

    /** Dotted path into segments; a {@code <placeholder>} is one segment. */
    private static List<String> segments(String path) {
        return Arrays.asList(path.split("\\.(?![^<]*>)"));
    }

    /** A documented path covers a value when it matches the value's path or one of its ancestors. */
    private static boolean covers(List<String> documented, List<String> value) {
        if (documented.size() > value.size()) {
            return false;
        }
        for (int i = 0; i < documented.size(); i++) {
            String segment = documented.get(i);
            if (!(segment.startsWith("<") && segment.endsWith(">")) && !segment.equals(value.get(i))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void leaves(Map<String, Object> map, List<String> path, List<List<String>> into) {
        map.forEach((key, value) -> {
            List<String> child = new ArrayList<>(path);
            child.add(key);
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                leaves((Map<String, Object>) nested, child, into);
            } else {
                into.add(child);
            }
        });
    }
}
