package io.trestle.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.SmallRyeConfig;
import io.trestle.rest.ApiKeys;

/**
 * Every service module runs in the compose stack from the image the images profile builds, publishes its HTTP port, is
 * checked for readiness, and gets every setting it needs from the compose environment — judged by building its
 * configuration from that environment the way the service does at start.
 */
class ComposeServicesTest {

    private static final ComposeFile COMPOSE = Repository.compose();
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)");

    static Stream<ServiceModule> services() {
        return ServiceModule.all(Repository.root()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void runsFromTheImageTheImagesProfileBuilds(ServiceModule module) {
        Repository.ImagesProfile images = Repository.imagesProfile();
        String expected = images.property("quarkus.container-image.group") + "/" + module.name() + ":"
                + Repository.version();

        assertThat(COMPOSE.service(module.name()).image())
                .as("image of %s (quarkus.container-image.group / application name : project version)", module.name())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void environmentGivesTheServiceEverySettingItNeeds(ServiceModule module) {
        Map<String, String> environment = COMPOSE.service(module.name()).environment();

        SmallRyeConfig config = configuration(module, environment);

        assertThat(ServiceConfiguration.unresolved(module, config))
                .as("settings %s would miss at start in the compose stack", module.name()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void publishesItsHttpPortAndIsCheckedForReadinessThere(ServiceModule module) {
        ComposeService service = COMPOSE.service(module.name());
        int port = configuration(module, service.environment()).getValue("quarkus.http.port", Integer.class);

        assertThat(service.ports()).as("ports of %s, whose HTTP port is %d", module.name(), port)
                .contains(new ComposeService.PublishedPort(port, port));
        assertThat(String.join(" ", service.healthcheck())).as("health check of %s", module.name())
                .contains("/q/health/ready").contains("127.0.0.1/" + port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyVariableItIsGivenConfiguresSomethingItReads(ServiceModule module) {
        Set<String> known = knownProperties(module);
        List<String> unused = COMPOSE.service(module.name()).environment().keySet().stream()
                .filter(variable -> known.stream().noneMatch(property -> matches(variable, property))).toList();

        assertThat(unused).as("environment variables of %s that no property of it reads (misspelt?)", module.name())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void clientListsParseAsTheServiceParsesThem(ServiceModule module) {
        COMPOSE.service(module.name()).environment().forEach((variable, value) -> {
            if (variable.endsWith("_API_KEYS") || variable.endsWith("_SIGNING_SECRETS")) {
                assertThatCode(() -> ApiKeys.parse(variable, Arrays.asList(value.split(","))))
                        .as("%s of %s", variable, module.name()).doesNotThrowAnyException();
            }
        });
    }

    @Test
    void everyTrestleImageInTheStackIsAServiceModule() {
        String group = Repository.imagesProfile().property("quarkus.container-image.group");
        Set<String> modules = new TreeSet<>(services().map(ServiceModule::name).toList());

        assertThat(COMPOSE.services().values()).filteredOn(service -> service.image().startsWith(group + "/"))
                .extracting(ComposeService::name).containsExactlyInAnyOrderElementsOf(modules);
    }

    private static SmallRyeConfig configuration(ServiceModule module, Map<String, String> environment) {
        try {
            return ServiceConfiguration.of(module, environment);
        } catch (RuntimeException e) {
            throw new AssertionError(module.name() + " would not start with its compose environment: " + e.getMessage(),
                    e);
        }
    }

    /** Property names the service reads; {@code *} stands for a map key (e.g. a vendor's name). */
    private static Set<String> knownProperties(ServiceModule module) {
        Set<String> known = new TreeSet<>(module.applicationProperties().keySet());
        module.applicationProperties().values().forEach(value -> {
            Matcher expression = EXPRESSION.matcher(value);
            while (expression.find()) {
                known.add(expression.group(1));
            }
        });
        known.addAll(module.injectedProperties());
        for (Class<?> mapping : module.configMappings()) {
            known.addAll(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping)).keySet());
        }
        return known;
    }

    private static boolean matches(String variable, String property) {
        List<String> parts = new ArrayList<>();
        for (String part : property.split("\\*", -1)) {
            parts.add(Pattern.quote(ServiceConfiguration.environmentName(part)));
        }
        return variable.matches(String.join("[A-Z0-9_]+", parts));
    }
}
