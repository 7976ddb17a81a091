package io.trestle.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.trestle.kafka.RegistrySettings;

/**
 * A Quarkus service under {@code services/}, read from its sources: its {@code application.properties}, its typed
 * configuration ({@code @ConfigMapping} interfaces) and the single properties it injects. Read from the sources rather
 * than listed here, so a new service, mapping or injected property is checked without touching the test.
 */
record ServiceModule(String name, Map<String, String> applicationProperties, List<Class<?>> configMappings,
        Set<String> injectedProperties, Set<String> requiredProperties) {

    private static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** {@code @ConfigProperty(name = "…"[, defaultValue = "…"]) Type name}, on a parameter or a field. */
    private static final Pattern CONFIG_PROPERTY = Pattern
            .compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"([^)]*)\\)\\s*(?:final\\s+)?([\\w.]+)");

    static List<ServiceModule> all(Path root) {
        try (Stream<Path> directories = Files.list(root.resolve("services"))) {
            return directories.filter(directory -> Files.exists(directory.resolve("pom.xml"))).sorted()
                    .map(ServiceModule::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceModule read(Path directory) {
        List<Path> sources = javaSources(directory.resolve("src/main/java"));
        List<Class<?>> mappings = new ArrayList<>(configMappings(sources));
        Set<String> injected = injectedProperties(sources, false);
        Set<String> required = injectedProperties(sources, true);
        if (usesKafkaSupport(directory)) {
            // kafka-support's connection producer reads these for every client the service builds, and refuses to
            // start without the bootstrap servers and the registry URL.
            mappings.add(RegistrySettings.class);
            injected.add(KAFKA_BOOTSTRAP_SERVERS);
            required.addAll(List.of(KAFKA_BOOTSTRAP_SERVERS, "trestle.registry.url"));
        }
        return new ServiceModule(directory.getFileName().toString(),
                properties(directory.resolve("src/main/resources/application.properties")), List.copyOf(mappings),
                injected, required);
    }

    private static boolean usesKafkaSupport(Path directory) {
        return text(directory.resolve("pom.xml")).contains("<artifactId>trestle-kafka-support</artifactId>");
    }

    @Override
    public String toString() {
        return name;
    }

    /** The properties of the default (production) profile; {@code %test.…} and the like are left out. */
    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("a service without " + file + " is not a Quarkus service", e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).sorted()
                .forEach(key -> result.put(key, properties.getProperty(key)));
        return result;
    }

    private static List<Class<?>> configMappings(List<Path> sources) {
        return sources.stream().filter(source -> CONFIG_MAPPING.matcher(text(source)).find())
                .map(ServiceModule::load).toList();
    }

    /** The properties injected with {@code @ConfigProperty}; with {@code requiredOnly}, those without a default. */
    private static Set<String> injectedProperties(List<Path> sources, boolean requiredOnly) {
        Set<String> injected = new TreeSet<>();
        for (Path source : sources) {
            Matcher matcher = CONFIG_PROPERTY.matcher(text(source));
            while (matcher.find()) {
                boolean hasDefault = matcher.group(2).contains("defaultValue");
                boolean optional = Set.of("Optional", "Instance", "Provider").contains(matcher.group(3));
                if (!requiredOnly || !(hasDefault || optional)) {
                    injected.add(matcher.group(1));
                }
            }
        }
        return injected;
    }

    private static Class<?> load(Path source) {
        String text = text(source);
        Matcher packageName = PACKAGE.matcher(text);
        if (!packageName.find()) {
            throw new AssertionError(source + " declares no package");
        }
        String simpleName = source.getFileName().toString().replace(".java", "");
        String className = packageName.group(1) + "." + simpleName;
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(className + " is not on the test classpath: add the service's module to "
                    + "deploy/compose/pom.xml as a test dependency", e);
        }
    }

    private static List<Path> javaSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
