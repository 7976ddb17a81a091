package io.trestle.helm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources one helm template run rendered. */
record Manifests(List<Map<String, Object>> resources) {

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(name(r))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " was rendered"));
    }

    /** The Deployment or StatefulSet of a service. */
    Map<String, Object> workload(String name) {
        return find("Deployment", name).or(() -> find("StatefulSet", name))
                .orElseThrow(() -> new AssertionError("no workload " + name + " was rendered"));
    }

    static String name(Map<String, Object> resource) {
        return Yaml.at(resource, "metadata", "name");
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return Yaml.at(workload, "spec", "template", "spec", "containers");
    }
}
