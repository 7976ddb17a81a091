package io.trestle.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.trestle.schema.topic.TrestleTopic;

/**
 * ci/production-values.yaml: an existing Strimzi cluster over SASL_SSL/SCRAM, Strimzi topics and users, existing
 * Secrets, ServiceMonitors and autoscaling.
 */
class ProductionValuesTest {

    private static final ServiceFacts FACTS = TrestleChart.facts();
    private static final Manifests MANIFESTS = TrestleChart.render(TrestleChart.productionValues());
    private static final Map<String, Object> VALUES = TrestleChart.values(TrestleChart.productionValues());

    @Test
    void everyServiceAuthenticatesToKafkaWithScramOverTlsFromItsOwnSecret() {
        FACTS.services().forEach((service, facts) -> {
            String name = "trestle-" + service;
            Map<String, Object> env = Yaml.at(MANIFESTS.get("ConfigMap", name), "data");
            assertThat(env).as(service).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/trestle/kafka/ca/ca.crt");
            Map<String, Object> pod = Yaml.at(MANIFESTS.workload(name), "spec", "template", "spec");
            Map<String, Object> container = Manifests.containers(MANIFESTS.workload(name)).get(0);
            assertThat(secretRef(container, "KAFKA_SASL_JAAS_CONFIG")).as(service)
                    .containsEntry("name", Yaml.at(VALUES, "services", facts.valuesKey(), "kafka", "credentialsSecret"))
                    .containsEntry("key", "sasl.jaas.config");
            assertThat(Yaml.<List<Map<String, Object>>>at(pod, "volumes")).as(service)
                    .anySatisfy(volume -> assertThat(Yaml.<String>at(volume, "secret", "secretName"))
                            .isEqualTo("kafka-prod-cluster-ca"));
        });
    }

    @Test
    void registryClientCredentialsComeFromTheirSecret() {
        Map<String, Object> container = Manifests.containers(MANIFESTS.workload("trestle-odoo-sink")).get(0);
        assertThat(secretRef(container, "TRESTLE_REGISTRY_AUTH_CLIENT_ID")).containsEntry("name",
                "trestle-registry-client");
        assertThat(secretRef(container, "TRESTLE_REGISTRY_AUTH_CLIENT_SECRET")).containsEntry("name",
                "trestle-registry-client");
    }

    @Test
    void theSinkWritesAsItsOwnOdooUserAndTheConnectorReadsOdoosDatabase() {
        Map<String, Object> sink = Manifests.containers(MANIFESTS.workload("trestle-odoo-sink")).get(0);
        assertThat(secretRef(sink, "TRESTLE_ODOO_SINK_ODOO_API_KEY")).containsEntry("name", "trestle-odoo-writer");
        assertThat(Yaml.<Map<String, Object>>at(MANIFESTS.get("ConfigMap", "trestle-odoo-sink"), "data"))
                .containsEntry("TRESTLE_ODOO_SINK_ODOO_LOGIN", "trestle-writer");
        Map<String, Object> connector = Manifests.containers(MANIFESTS.workload("trestle-odoo-connector")).get(0);
        assertThat(secretRef(connector, "TRESTLE_ODOO_CONNECTOR_CDC_PASSWORD")).containsEntry("name",
                "trestle-odoo-cdc");
        List<Map<String, Object>> egress = Yaml.at(MANIFESTS.get("NetworkPolicy", "trestle-odoo-connector"), "spec",
                "egress");
        assertThat(egress).anySatisfy(rule -> {
            assertThat(Yaml.<List<Map<String, Object>>>at(rule, "ports")).extracting(port -> port.get("port"))
                    .containsExactly(5432);
            List<Map<String, Object>> to = Yaml.at(rule, "to");
            assertThat(to).singleElement().satisfies(peer -> assertThat(
                    Yaml.<String>at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                    .isEqualTo("erp"));
        });
    }

    @Test
    void everyTopicIsAKafkaTopicWithTheCataloguesCleanupAndRetention() {
        List<Map<String, Object>> kafkaTopics = MANIFESTS.ofKind("KafkaTopic");
        Map<String, Object> topicValues = Yaml.at(VALUES, "topics");
        assertThat(kafkaTopics).extracting(t -> Yaml.<String>at(t, "spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(topicValues.keySet());
        for (Map<String, Object> topic : kafkaTopics) {
            assertThat(Yaml.<String>at(topic, "metadata", "namespace")).isEqualTo("kafka");
            assertThat(Yaml.<String>at(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("prod");
            assertThat(Yaml.<Integer>at(topic, "spec", "replicas")).isEqualTo(3);
            assertThat(Yaml.<String>at(topic, "spec", "config", "min.insync.replicas")).isEqualTo("2");
        }
        for (TrestleTopic catalogued : TrestleTopic.values()) {
            Map<String, Object> topic = MANIFESTS.get("KafkaTopic", catalogued.topicName());
            assertThat(Yaml.<String>at(topic, "spec", "config", "cleanup.policy")).as(catalogued.topicName())
                    .isEqualTo(catalogued.retention().cleanupPolicy());
            String retention = Yaml.at(topic, "spec", "config", "retention.ms");
            assertThat(retention).as(catalogued.topicName()).isEqualTo(catalogued.retention().compacted()
                    ? null
                    : String.valueOf(catalogued.retention().retention().toMillis()));
        }
        // Overridden partitions reach the topic; joined topics keep equal counts.
        assertThat(Yaml.<Integer>at(MANIFESTS.get("KafkaTopic", "trestle.equipment.telemetry.v1"), "spec",
                "partitions")).isEqualTo(12);
        assertThat(Yaml.<Integer>at(MANIFESTS.get("KafkaTopic", "trestle.equipment.reservation.v1"), "spec",
                "partitions")).isEqualTo(12);
    }

    @Test
    void eachServicesAclsGrantExactlyWhatItReadsAndWrites() {
        FACTS.services().forEach((service, facts) -> {
            Map<String, Object> user = MANIFESTS.get("KafkaUser", "trestle-" + service);
            assertThat(Yaml.<String>at(user, "metadata", "namespace")).isEqualTo("kafka");
            assertThat(Yaml.<String>at(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
            assertThat(acls(user)).as(service).containsExactlyInAnyOrderElementsOf(expectedAcls(facts.kafka()));
        });
    }

    @Test
    void fieldFacingConnectorsCannotReadFinancialTopics() {
        FACTS.services().forEach((service, facts) -> {
            if (!facts.fieldFacing()) {
                return;
            }
            Set<String> readable = acls(MANIFESTS.get("KafkaUser", "trestle-" + service)).stream()
                    .filter(acl -> acl.startsWith("topic ") && acl.contains("Read")).collect(Collectors.toSet());
            assertThat(readable).as(service).isNotEmpty().noneMatch(acl -> FACTS.financialTopics().stream()
                    .anyMatch(topic -> acl.startsWith("topic " + topic + " ")));
        });
        assertThat(FACTS.services().values()).filteredOn(ServiceFacts.Service::fieldFacing).hasSize(2);
    }

    @Test
    void everyLiteralTopicAclNamesATopicTheReleaseCreates() {
        Set<String> topics = MANIFESTS.ofKind("KafkaTopic").stream().map(Manifests::name).collect(Collectors.toSet());
        for (Map<String, Object> user : MANIFESTS.ofKind("KafkaUser")) {
            acls(user).stream().filter(acl -> acl.startsWith("topic ") && acl.contains(" literal "))
                    .map(acl -> acl.split(" ")[1]).forEach(topic -> assertThat(topics).contains(topic));
        }
    }

    @Test
    void theStatelessServicesAreAutoscaledAndEveryServiceIsScraped() {
        assertThat(MANIFESTS.ofKind("HorizontalPodAutoscaler")).extracting(Manifests::name)
                .containsExactlyInAnyOrder("trestle-equipment-connector", "trestle-odoo-sink");
        for (Map<String, Object> hpa : MANIFESTS.ofKind("HorizontalPodAutoscaler")) {
            assertThat(Yaml.<Object>at(MANIFESTS.get("Deployment", Manifests.name(hpa)), "spec", "replicas"))
                    .as("the autoscaler, not the chart, sets the replicas").isNull();
        }
        assertThat(MANIFESTS.ofKind("ServiceMonitor")).hasSize(FACTS.services().size()).allSatisfy(monitor -> {
            assertThat(Yaml.<List<Map<String, Object>>>at(monitor, "spec", "endpoints")).singleElement()
                    .satisfies(endpoint -> assertThat(endpoint).containsEntry("path", "/q/metrics")
                            .containsEntry("port", "http"));
            assertThat(Yaml.<String>at(monitor, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
        });
    }

    @Test
    void apisAcceptOnlyTheIngressControllerAndScrapersOnlyPrometheus() {
        FACTS.services().forEach((service, facts) -> {
            List<Map<String, Object>> ingress = Yaml.at(MANIFESTS.get("NetworkPolicy", "trestle-" + service), "spec",
                    "ingress");
            Set<String> namespaces = new TreeSet<>();
            for (Map<String, Object> rule : ingress) {
                List<Map<String, Object>> from = Yaml.at(rule, "from");
                assertThat(from).as("%s: no ingress rule open to everyone", service).isNotEmpty();
                from.stream().map(peer -> Yaml.<String>at(peer, "namespaceSelector", "matchLabels",
                        "kubernetes.io/metadata.name")).filter(Objects::nonNull).forEach(namespaces::add);
            }
            assertThat(namespaces).as(service)
                    .containsExactlyInAnyOrderElementsOf(facts.api()
                            ? Set.of("ingress-nginx", "monitoring")
                            : Set.of("monitoring"));
        });
    }

    private static Map<String, Object> secretRef(Map<String, Object> container, String variable) {
        List<Map<String, Object>> env = Yaml.at(container, "env");
        return env.stream().filter(v -> variable.equals(v.get("name"))).findFirst()
                .map(v -> Yaml.<Map<String, Object>>at(v, "valueFrom", "secretKeyRef"))
                .orElseThrow(() -> new AssertionError(variable + " is not set from a Secret"));
    }

    /** Each ACL as "type name patternType [operations]" with the operations sorted. */
    private static List<String> acls(Map<String, Object> user) {
        List<Map<String, Object>> acls = Yaml.at(user, "spec", "authorization", "acls");
        return acls.stream().map(acl -> acl(Yaml.at(acl, "resource", "type"), Yaml.at(acl, "resource", "name"),
                Yaml.at(acl, "resource", "patternType"), Yaml.at(acl, "operations"))).toList();
    }

    private static String acl(String type, String name, String pattern, List<String> operations) {
        return type + " " + name + " " + pattern + " " + new TreeSet<>(operations);
    }

    /**
     * Least privilege, stated independently of the template: Read for what the service consumes, Write for what it
     * produces, Create and DescribeConfigs only on its own state topics, Read on its own groups, and for Kafka Streams
     * its application id's internal topics, group and transactional ids.
     */
    private static List<String> expectedAcls(ServiceFacts.Kafka kafka) {
        List<String> expected = new ArrayList<>();
        for (String topic : kafka.topics()) {
            Set<String> operations = new TreeSet<>(Set.of("Describe"));
            if (kafka.reads().contains(topic)) {
                operations.add("Read");
            }
            if (kafka.writes().contains(topic)) {
                operations.add("Write");
            }
            if (kafka.stateTopics().contains(topic)) {
                operations.addAll(Set.of("Read", "Write", "Create", "DescribeConfigs"));
            }
            expected.add(acl("topic", topic, "literal", List.copyOf(operations)));
        }
        kafka.groups().forEach(group -> expected.add(acl("group", group, "literal", List.of("Read"))));
        kafka.groupPrefixes().forEach(prefix -> expected.add(acl("group", prefix, "prefix", List.of("Read"))));
        if (kafka.streams()) {
            String id = kafka.streamsApplicationId();
            expected.add(acl("topic", id + "-", "prefix",
                    List.of("Create", "Delete", "Describe", "DescribeConfigs", "Read", "Write")));
            expected.add(acl("group", id, "literal", List.of("Read")));
            expected.add(acl("transactionalId", id + "-", "prefix", List.of("Describe", "Write")));
        }
        return expected;
    }
}
