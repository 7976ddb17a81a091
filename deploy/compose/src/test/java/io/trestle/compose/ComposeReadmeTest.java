package io.trestle.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the READMEs promise about the stack — the commands, the ports, the variables and their defaults — is what
 * docker-compose.yml and the build do. deploy/compose/README.md must carry every block; the main README is held to the
 * blocks it carries.
 */
class ComposeReadmeTest {

    private static final ComposeFile COMPOSE = Repository.compose();
    private static final String COMPOSE_README = "deploy/compose/README.md";
    private static final String MAIN_README = "README.md";
    private static final Pattern HOST_PORT = Pattern.compile("localhost:(\\d+)");

    static Stream<String> readmes() {
        return Stream.of(COMPOSE_README, MAIN_README);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    void commandsBuildTheImagesWithTheImagesProfileAndStartTheStack(String readme) {
        ReadmeBlock block = block(readme, "compose-commands");
        List<String> commands = block.text().lines().map(String::strip).toList();

        assertThat(commands).as("%s: the image build", readme).anySatisfy(line -> assertThat(line)
                .startsWith("./mvnw ").contains(" package ").contains(" -DskipTests ")
                .containsPattern(" -D" + Pattern.quote(Repository.imagesProfile().activationProperty()) + "(\\s|$)"));
        assertThat(commands).as("%s: the start", readme).anySatisfy(line -> assertThat(line).startsWith(
                "docker compose up"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    void portTableListsExactlyThePortsTheStackPublishes(String readme) {
        Map<String, Integer> documented = new LinkedHashMap<>();
        for (List<String> row : block(readme, "compose-ports").tableRows()) {
            Matcher port = HOST_PORT.matcher(row.get(1));
            assertThat(port.find()).as("%s: row %s gives a localhost:port", readme, row).isTrue();
            documented.put(ReadmeBlock.code(row.get(0)), Integer.parseInt(port.group(1)));
        }
        Map<String, Integer> published = new LinkedHashMap<>();
        COMPOSE.services().values().forEach(service -> service.ports()
                .forEach(port -> published.put(service.name(), port.host())));

        assertThat(documented).as("%s: services and host ports", readme).containsExactlyInAnyOrderEntriesOf(published);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    void variableTableListsEveryVariableWithItsDefault(String readme) {
        Map<String, Optional<String>> documented = new LinkedHashMap<>();
        for (List<String> row : block(readme, "compose-variables").tableRows()) {
            String fallback = ReadmeBlock.code(row.get(1));
            documented.put(ReadmeBlock.code(row.get(0)),
                    fallback.equals("—") ? Optional.empty() : Optional.of(fallback));
        }

        assertThat(documented).as("%s: variables of docker-compose.yml and their defaults", readme)
                .containsExactlyInAnyOrderEntriesOf(COMPOSE.variables());
    }

    /**
     * The block of that name; the compose README must have it, the main README may leave it out (until the proposal for
     * its Docker section is applied it has none).
     */
    private static ReadmeBlock block(String readme, String name) {
        Optional<ReadmeBlock> block = ReadmeBlock.find(readme, Repository.read(readme), name);
        if (readme.equals(COMPOSE_README)) {
            assertThat(block).as("%s has the block %s", readme, name).isPresent();
        } else {
            assumeTrue(block.isPresent(), readme + " has no block " + name);
        }
        return block.orElseThrow();
    }
}
