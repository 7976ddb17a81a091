package io.trestle.helm;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The chart's files/services.yaml: what it knows about each service's code. */
record ServiceFacts(Map<String, Service> services, List<String> financialTopics) {

    static ServiceFacts of(Path chart) {
        return Yaml.read(chart.resolve("files/services.yaml"), ServiceFacts.class);
    }

    record Service(String valuesKey, int port, String workload, boolean singleton, boolean api, boolean fieldFacing,
            Kafka kafka) {
    }

    record Kafka(List<String> reads, List<String> writes, List<String> stateTopics, List<String> groups,
            List<String> groupPrefixes, String streamsApplicationId, List<List<String>> copartitioned) {

        boolean streams() {
            return streamsApplicationId != null && !streamsApplicationId.isEmpty();
        }

        /** Every topic the service names in its configuration. */
        Set<String> topics() {
            Set<String> all = new LinkedHashSet<>(reads);
            all.addAll(writes);
            all.addAll(stateTopics);
            return all;
        }
    }
}
