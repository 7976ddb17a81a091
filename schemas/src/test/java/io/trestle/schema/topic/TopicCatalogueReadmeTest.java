package io.trestle.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The README's topic table is the catalogue users read; it must say exactly what {@link TrestleTopic} declares, so a
 * topic added or changed in code without the README (or the other way round) fails the build.
 */
class TopicCatalogueReadmeTest {

    static final String START = "<!-- topic-catalogue:start (rendered from TrestleTopic; TopicCatalogueReadmeTest) -->";
    static final String END = "<!-- topic-catalogue:end -->";

    @Test
    void readmeTopicTableMatchesTheCatalogue() throws IOException {
        Path readme = Path.of(System.getProperty("trestle.readme", "../README.md"));
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            fail("README %s lacks the topic catalogue markers %s … %s; insert:%n%s", readme, START, END,
                    START + "\n" + render() + END);
        }
        String documented = text.substring(start + START.length(), end).strip();
        assertThat(documented)
                .as("README topic catalogue is out of date; replace the table between the markers with:%n%s", render())
                .isEqualTo(render().strip());
    }

    @Test
    void topicNamesFollowTheNamingConventionAndAreUnique() {
        assertThat(TrestleTopic.values()).allSatisfy(topic -> assertThat(topic.topicName())
                .matches("trestle\\.[a-z]+\\.[a-z-]+\\.v[0-9]+"));
        assertThat(Arrays.stream(TrestleTopic.values()).map(TrestleTopic::topicName)).doesNotHaveDuplicates();
    }

    @Test
    void everyTopicValueIsAGeneratedRecordWithMetadata() {
        assertThat(TrestleTopic.values()).allSatisfy(topic -> {
            Schema schema = SpecificData.get().getSchema(topic.valueType());
            assertThat(schema.getField("metadata")).as("%s value %s has metadata", topic, schema.getFullName())
                    .isNotNull();
        });
    }

    static String render() {
        String header = "| Topic | Key | Value schema | Producers | Consumers | Retention |\n"
                + "|---|---|---|---|---|---|\n";
        return header + Arrays.stream(TrestleTopic.values())
                .map(topic -> "| `%s` | %s | `%s` | %s | %s | %s |".formatted(topic.topicName(), topic.key(),
                        topic.valueType().getName(), String.join(", ", topic.producers()),
                        String.join(", ", topic.consumers()), topic.retention()))
                .collect(Collectors.joining("\n")) + "\n";
    }
}
