package io.trestle.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The chart as installed without values: plain Kafka, no optional resources, images at the chart's appVersion. */
class DefaultValuesTest {

    private static final Manifests MANIFESTS = TrestleChart.render();

    @Test
    void rendersNoOptionalResources() {
        for (String kind : new String[]{"KafkaTopic", "KafkaUser", "ServiceMonitor", "HorizontalPodAutoscaler"}) {
            assertThat(MANIFESTS.ofKind(kind)).as(kind).isEmpty();
        }
    }

    @Test
    void imagesAreTheServicesAtTheChartsAppVersion() {
        String appVersion = (String) Yaml.read(TrestleChart.chart().resolve("Chart.yaml")).get("appVersion");
        TrestleChart.facts().services().keySet().forEach(service -> assertThat(
                Manifests.containers(MANIFESTS.workload("trestle-" + service)).get(0).get("image"))
                .isEqualTo("registry.example.com/trestle/" + service + ":" + appVersion));
    }

    @Test
    void kafkaIsPlaintextWithoutCredentials() {
        Map<String, Object> env = Yaml.at(MANIFESTS.get("ConfigMap", "trestle-odoo-sink"), "data");
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "trestle-kafka-bootstrap:9092")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").doesNotContainKey("KAFKA_SASL_MECHANISM");
    }

    @Test
    void servicesWithoutAnApiAcceptNoConnectionsAtAll() {
        TrestleChart.facts().services().forEach((service, facts) -> {
            if (!facts.api()) {
                assertThat(Yaml.<Object>at(MANIFESTS.get("NetworkPolicy", "trestle-" + service), "spec", "ingress"))
                        .as(service).asList().isEmpty();
            }
        });
    }

    @Test
    void theAggregatorAdvertisesItsPodAddressForForwardedQueries() {
        Map<String, Object> container = Manifests
                .containers(MANIFESTS.get("StatefulSet", "trestle-telemetry-aggregator")).get(0);
        assertThat(Yaml.<java.util.List<Map<String, Object>>>at(container, "env")).anySatisfy(variable -> {
            assertThat(variable).containsEntry("name", "TRESTLE_TELEMETRY_AGGREGATOR_QUERIES_ADVERTISED_HOST");
            assertThat(Yaml.<String>at(variable, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("status.podIP");
        });
    }
}
