package io.trestle.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.trestle.schema.topic.TrestleTopic;

/**
 * files/services.yaml, which the chart's ACLs, topics and workloads are rendered from, against the services' own
 * configuration and the topic catalogue: a topic, port, group or application id changed in a service without the chart
 * fails here.
 */
class ChartMatchesServicesTest {

    private static final ServiceFacts FACTS = TrestleChart.facts();
    private static final String EVERY_SERVICE = "all connectors and processors";
    static Stream<String> services() {
        return FACTS.services().keySet().stream();
    }

    private static ServiceConfiguration configuration(String service) {
        return ServiceConfiguration.of(TrestleChart.root().resolve("services").resolve(service));
    }

    @Test
    void everyServiceOfTheRepositoryIsInTheChart() throws IOException {
        try (Stream<Path> dirs = Files.list(TrestleChart.root().resolve("services"))) {
            Set<String> services = dirs.filter(dir -> Files.exists(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).collect(Collectors.toSet());
            assertThat(FACTS.services().keySet()).containsExactlyInAnyOrderElementsOf(services);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void topicsAreTheOnesTheServiceConfigures(String service) {
        ServiceConfiguration config = configuration(service);
        assertThat(FACTS.services().get(service).kafka().topics())
                .as("%s: reads, writes and state topics in files/services.yaml", service)
                .containsExactlyInAnyOrderElementsOf(new HashSet<>(config.topics().values()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void directionsAgreeWithTheServicesWiring(String service) {
        ServiceConfiguration config = configuration(service);
        ServiceFacts.Kafka kafka = FACTS.services().get(service).kafka();
        assertThat(kafka.writes()).as("%s: SmallRye outgoing channels", service)
                .containsAll(config.channelTopics("outgoing"));
        assertThat(kafka.reads()).as("%s: SmallRye incoming channels", service)
                .containsAll(config.channelTopics("incoming"));
        assertThat(kafka.reads()).as("%s: the input topics Kafka Streams waits for", service)
                .containsAll(config.topicsReferencedBy("quarkus.kafka-streams.topics"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void portApplicationIdAndGroupsAreTheServices(String service) {
        ServiceConfiguration config = configuration(service);
        ServiceFacts.Service facts = FACTS.services().get(service);
        assertThat(facts.port()).as("%s: quarkus.http.port", service).isEqualTo(config.httpPort());
        assertThat(facts.kafka().streamsApplicationId()).as("%s: quarkus.kafka-streams.application-id", service)
                .isEqualTo(config.streamsApplicationId());
        if (facts.kafka().streams()) {
            assertThat(facts.workload()).as("%s keeps Kafka Streams state on a volume", service)
                    .isEqualTo("StatefulSet");
        }
        // odoo-sink derives one group per input from its prefix; the planner export uses its group as configured.
        Set<String> declared = new TreeSet<>(facts.kafka().groups());
        facts.kafka().groupPrefixes().forEach(prefix -> declared.add(prefix.substring(0, prefix.length() - 1)));
        assertThat(declared).as("%s: consumer groups (consumerGroup() defaults)", service)
                .containsExactlyInAnyOrderElementsOf(config.consumerGroups());
    }

    @ParameterizedTest
    @MethodSource("services")
    void probesAndMetricsExistInTheService(String service) {
        assertThat(configuration(service).pom()).as("%s serves /q/health and /q/metrics", service)
                .contains("<artifactId>quarkus-smallrye-health</artifactId>")
                .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
    }

    @ParameterizedTest
    @MethodSource("services")
    void writesAndReadsAreTheCataloguesProducersAndConsumers(String service) {
        ServiceFacts.Kafka kafka = FACTS.services().get(service).kafka();
        for (TrestleTopic topic : TrestleTopic.values()) {
            if (kafka.writes().contains(topic.topicName())) {
                assertThat(names(topic.producers(), service)).as("%s writes %s", service, topic.topicName()).isTrue();
            }
            // A producer may read its own topic back (the Odoo connector's master data, the quarantine replay).
            String reading = service + " reads " + topic.topicName();
            if (kafka.reads().contains(topic.topicName())) {
                assertThat(names(topic.consumers(), service) || names(topic.producers(), service)).as(reading)
                        .isTrue();
            }
        }
    }

    private static boolean names(List<String> parties, String service) {
        return parties.stream()
                .anyMatch(p -> p.equals(service) || p.startsWith(service + " ") || p.equals(EVERY_SERVICE));
    }

    @Test
    void topicsOfTheValuesAreTheCatalogueAndTheStateTopics() {
        Map<String, Object> topics = Yaml.at(TrestleChart.defaultValues(), "topics");
        Set<String> expected = Arrays.stream(TrestleTopic.values()).map(TrestleTopic::topicName)
                .collect(Collectors.toCollection(TreeSet::new));
        FACTS.services().values().forEach(s -> expected.addAll(s.kafka().stateTopics()));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void cleanupAndRetentionAreTheCatalogues() {
        Map<String, Object> topics = Yaml.at(TrestleChart.defaultValues(), "topics");
        for (TrestleTopic topic : TrestleTopic.values()) {
            Map<String, Object> values = Yaml.at(topics, topic.topicName());
            assertThat(values.get("cleanupPolicy")).as(topic.topicName())
                    .isEqualTo(topic.retention().cleanupPolicy());
            Duration retention = topic.retention().retention();
            assertThat(values.get("retentionMs") == null ? null : ((Number) values.get("retentionMs")).longValue())
                    .as("%s retention.ms", topic.topicName())
                    .isEqualTo(retention == null ? null : retention.toMillis());
        }
    }

    @Test
    void stateTopicsAreCompactedWithOnePartitionAsTheServicesCreateThem() {
        Map<String, Object> topics = Yaml.at(TrestleChart.defaultValues(), "topics");
        FACTS.services().values().stream().flatMap(s -> s.kafka().stateTopics().stream()).forEach(topic -> {
            assertThat(Yaml.<String>at(topics, topic, "cleanupPolicy")).as(topic).isEqualTo("compact");
            assertThat(Yaml.<Integer>at(topics, topic, "partitions")).as(topic).isEqualTo(1);
        });
    }

    @Test
    void appVersionIsTheProjectVersionTheImagesAreTaggedWith() {
        Map<String, Object> chart = Yaml.read(TrestleChart.chart().resolve("Chart.yaml"));
        assertThat(chart.get("appVersion")).isEqualTo(System.getProperty("trestle.version"));
    }
}
