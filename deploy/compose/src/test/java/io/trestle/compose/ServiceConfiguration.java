package io.trestle.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A service's configuration as it would start in its container: the compose environment (environment variables, ordinal
 * 300, {@code A_B_C} matching {@code a.b-c}) over its {@code application.properties} (250), in the default profile,
 * with the typed mappings validated and converted by SmallRye Config and Quarkus' converters, as at start.
 */
final class ServiceConfiguration {

    private ServiceConfiguration() {
    }

    /**
     * @throws RuntimeException
     *             as SmallRye Config does at start, naming each property that is missing or cannot be converted
     */
    static SmallRyeConfig of(ServiceModule module, Map<String, String> environment) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile("prod").addDiscoveredConverters()
                .withSources(new EnvConfigSource(environment, 300),
                        new PropertiesConfigSource(module.applicationProperties(), "application.properties", 250));
        module.configMappings().forEach(builder::withMapping);
        return builder.build();
    }

    /**
     * What the service would refuse at start besides its mappings: injected properties without a default that have no
     * value, and properties of application.properties whose expressions ({@code ${kafka.bootstrap.servers}}) cannot be
     * resolved. Each problem names the property and the environment variable that sets it.
     */
    static List<String> unresolved(ServiceModule module, SmallRyeConfig config) {
        List<String> problems = new ArrayList<>();
        for (String property : module.requiredProperties()) {
            if (config.getOptionalValue(property, String.class).isEmpty()) {
                problems.add(property + " (injected without a default; env " + environmentName(property) + ")");
            }
        }
        for (String property : module.applicationProperties().keySet()) {
            try {
                config.getConfigValue(property);
            } catch (NoSuchElementException e) {
                problems.add(property + " in application.properties: " + e.getMessage());
            }
        }
        return problems;
    }

    static String environmentName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
