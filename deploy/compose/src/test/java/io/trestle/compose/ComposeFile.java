package io.trestle.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Compose reads it: YAML with merge keys, then every string interpolated with the variables the
 * user set (here: none, so the demo defaults apply). Only what the tests check is modelled; anything of an unexpected
 * shape fails loudly rather than being skipped.
 */
final class ComposeFile {

    private final Map<String, ComposeService> services;
    private final Set<String> volumes;
    private final Map<String, Optional<String>> variables;

    private ComposeFile(Map<String, ComposeService> services, Set<String> volumes,
            Map<String, Optional<String>> variables) {
        this.services = services;
        this.volumes = volumes;
        this.variables = variables;
    }

    static ComposeFile read(Path file) {
        try {
            return parse(Files.readString(file), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeFile parse(String text, Map<String, String> variables) {
        Map<String, Object> document = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text), "document");
        Map<String, ComposeService> services = new LinkedHashMap<>();
        map(document.get("services"), "services").forEach((name, definition) -> services.put(name,
                service(name, map(definition, "service " + name), variables)));
        Set<String> volumes = document.containsKey("volumes")
                ? map(document.get("volumes"), "volumes").keySet()
                : Set.of();
        Map<String, Optional<String>> referenced = new LinkedHashMap<>();
        collectVariables(document, referenced);
        return new ComposeFile(services, volumes, referenced);
    }

    /** Every variable the file's values refer to, with its default (empty: none), in order of first use. */
    Map<String, Optional<String>> variables() {
        return variables;
    }

    Map<String, ComposeService> services() {
        return services;
    }

    ComposeService service(String name) {
        ComposeService service = services.get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name + "; it has " + services.keySet());
        }
        return service;
    }

    /** The named volumes declared at the top level. */
    Set<String> volumes() {
        return volumes;
    }

    private static void collectVariables(Object value, Map<String, Optional<String>> variables) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collectVariables(item, variables));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectVariables(item, variables));
        } else if (value != null) {
            ComposeVariables.referenced(String.valueOf(value)).forEach(variables::putIfAbsent);
        }
    }

    private static ComposeService service(String name, Map<String, Object> definition, Map<String, String> variables) {
        Map<String, String> rawEnvironment = environment(definition.get("environment"), name);
        Map<String, String> environment = new LinkedHashMap<>();
        rawEnvironment.forEach((key, value) -> environment.put(key, ComposeVariables.interpolate(value, variables)));
        return new ComposeService(name, string(definition.getOrDefault("image", ""), variables), environment,
                rawEnvironment, ports(definition.get("ports"), variables),
                dependsOn(definition.get("depends_on"), name),
                healthcheck(definition.get("healthcheck"), name, variables),
                strings(definition.get("command"), variables), strings(definition.get("entrypoint"), variables),
                mounts(definition.get("volumes"), variables),
                Optional.ofNullable(definition.get("user")).map(user -> string(user, variables)),
                Optional.ofNullable(definition.get("restart")).map(restart -> string(restart, variables)));
    }

    private static Map<String, String> environment(Object value, String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (value == null) {
            return environment;
        }
        if (value instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                if (equals < 1) {
                    throw new AssertionError(
                            "service " + service + ": environment entry '" + text + "' is not KEY=value");
                }
                environment.put(text.substring(0, equals), text.substring(equals + 1));
            }
            return environment;
        }
        map(value, "environment of " + service).forEach((key, entry) -> {
            if (entry == null) {
                throw new AssertionError("service " + service + ": environment " + key + " has no value; the "
                        + "stack must not depend on the caller's shell for it");
            }
            environment.put(key, String.valueOf(entry));
        });
        return environment;
    }

    private static List<ComposeService.PublishedPort> ports(Object value, Map<String, String> variables) {
        List<ComposeService.PublishedPort> ports = new ArrayList<>();
        for (String port : strings(value, variables)) {
            String[] parts = port.split(":");
            if (parts.length < 2) {
                throw new AssertionError("port '" + port + "' publishes no host port; write host:container");
            }
            ports.add(new ComposeService.PublishedPort(Integer.parseInt(parts[parts.length - 2]),
                    Integer.parseInt(parts[parts.length - 1].replace("/tcp", ""))));
        }
        return ports;
    }

    private static Map<String, String> dependsOn(Object value, String service) {
        Map<String, String> dependsOn = new LinkedHashMap<>();
        if (value instanceof List<?> names) {
            names.forEach(name -> dependsOn.put(String.valueOf(name), "service_started"));
        } else if (value != null) {
            map(value, "depends_on of " + service).forEach((name, condition) -> dependsOn.put(name,
                    String.valueOf(map(condition, "depends_on." + name + " of " + service).getOrDefault("condition",
                            "service_started"))));
        }
        return dependsOn;
    }

    private static List<String> healthcheck(Object value, String service, Map<String, String> variables) {
        if (value == null) {
            return List.of();
        }
        return strings(map(value, "healthcheck of " + service).get("test"), variables);
    }

    private static List<ComposeService.Mount> mounts(Object value, Map<String, String> variables) {
        List<ComposeService.Mount> mounts = new ArrayList<>();
        for (String volume : strings(value, variables)) {
            String[] parts = volume.split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new AssertionError("volume '" + volume + "' is not source:target[:mode]");
            }
            mounts.add(new ComposeService.Mount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro")));
        }
        return mounts;
    }

    private static List<String> strings(Object value, Map<String, String> variables) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> string(item, variables)).toList();
        }
        return List.of(string(value, variables));
    }

    private static String string(Object value, Map<String, String> variables) {
        if (value instanceof Map || value instanceof List) {
            throw new AssertionError("expected a single value, found " + value);
        }
        return ComposeVariables.interpolate(String.valueOf(value), variables);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
