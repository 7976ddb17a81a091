package io.trestle.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values the chart refuses, and the message that tells the operator what to change: first what values.schema.json
 * rejects, then the rules templates/checks.yaml enforces.
 */
class ValuesRejectionTest {

    static Stream<Arguments> schemaViolations() {
        return Stream.of(
                Arguments.of("unknown Kafka authentication", """
                        kafka:
                          authentication:
                            type: kerberos
                        """, "at '/kafka/authentication/type': value must be one of 'none', 'scram-sha-512'"),
                Arguments.of("misspelt key", """
                        services:
                          odooSink:
                            replica: 3
                        """, "at '/services/odooSink': additional properties 'replica' not allowed"),
                Arguments.of("replicas of a singleton", """
                        services:
                          odooConnector:
                            replicas: 2
                        """, "at '/services/odooConnector': additional properties 'replicas' not allowed"),
                Arguments.of("autoscaled Kafka Streams", """
                        services:
                          telemetryAggregator:
                            autoscaling:
                              enabled: true
                        """, "at '/services/telemetryAggregator': additional properties 'autoscaling' not allowed"),
                Arguments.of("root", """
                        podSecurityContext:
                          runAsNonRoot: false
                        """, "at '/podSecurityContext/runAsNonRoot': value must be true"),
                Arguments.of("no memory limit", """
                        services:
                          odooSink:
                            resources:
                              limits:
                                memory: null
                        """, "at '/services/odooSink/resources/limits': missing property 'memory'"),
                Arguments.of("deleting topic without retention", """
                        topics:
                          trestle.example.new-events.v1:
                            partitions: 3
                            cleanupPolicy: delete
                        """, "at '/topics/trestle.example.new-events.v1': missing property 'retentionMs'"),
                Arguments.of("bootstrap without port", """
                        kafka:
                          bootstrapServers: kafka.example.com
                        """, "at '/kafka/bootstrapServers'"),
                Arguments.of("secret reference without key", """
                        services:
                          equipmentConnector:
                            secretConfig:
                              trestle.equipment-connector.api-keys:
                                existingSecret: push-clients
                        """,
                        "at '/services/equipmentConnector/secretConfig/trestle.equipment-connector.api-keys': missing property 'key'"));
    }

    static Stream<Arguments> ruleViolations() {
        return Stream.of(
                Arguments.of("API keys in a ConfigMap", """
                        services:
                          equipmentConnector:
                            config:
                              trestle.equipment-connector.api-keys: acme:s3cr3t
                        """,
                        "services.equipmentConnector.config.trestle.equipment-connector.api-keys looks like a secret: name it in services.equipmentConnector.secretConfig"),
                Arguments.of("vendor password in a ConfigMap", """
                        services:
                          equipmentConnector:
                            replicas: 1
                            config:
                              trestle.equipment-connector.vendors.trackunit.base-url: https://api.trackunit.example/
                              trestle.equipment-connector.vendors.trackunit.password: hunter2
                        """, "vendors.trackunit.password looks like a secret"),
                Arguments.of("a setting the chart owns", """
                        services:
                          odooSink:
                            config:
                              kafka.bootstrap.servers: elsewhere:9092
                        """,
                        "services.odooSink.config.kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is set by the chart"),
                Arguments.of("the aggregator's address", """
                        services:
                          telemetryAggregator:
                            config:
                              trestle.telemetry-aggregator.queries.advertised-host: aggregator
                        """, "(TRESTLE_TELEMETRY_AGGREGATOR_QUERIES_ADVERTISED_HOST) is set by the chart"),
                Arguments.of("a topic the services use removed", """
                        topics:
                          trestle.master.crosswalk.v1: null
                        """, "uses topic trestle.master.crosswalk.v1, which is missing from topics"),
                Arguments.of("joined topics with different partitions", """
                        topics:
                          trestle.equipment.telemetry.v1:
                            partitions: 12
                        """,
                        "topics.trestle.equipment.reservation.v1.partitions (6) must equal topics.trestle.equipment.telemetry.v1.partitions (12): telemetry-aggregator joins them"),
                Arguments.of("two replicas polling vendors", """
                        services:
                          equipmentConnector:
                            replicas: 2
                            config:
                              trestle.equipment-connector.vendors.trackunit.base-url: https://api.trackunit.example/
                        """, "every replica would poll them"),
                Arguments.of("SCRAM without credentials", """
                        kafka:
                          tls:
                            enabled: true
                          authentication:
                            type: scram-sha-512
                        """,
                        "services.equipmentConnector.kafka.credentialsSecret must name the Secret with equipment-connector's Kafka credentials"),
                Arguments.of("mutual TLS without TLS", """
                        kafka:
                          authentication:
                            type: tls
                        """, "kafka.authentication.type tls (mutual TLS) needs kafka.tls.enabled: true"),
                Arguments.of("Strimzi users in the operator's namespace", """
                        kafka:
                          authentication:
                            type: scram-sha-512
                        strimzi:
                          enabled: true
                          namespace: kafka
                        """, "copy it into the release namespace"),
                Arguments.of("Strimzi users without authentication", """
                        strimzi:
                          enabled: true
                        """, "strimzi.users.enabled renders KafkaUsers, which authenticate with scram-sha-512 or tls"),
                Arguments.of("sink without an Odoo key", """
                        odoo:
                          apiKey:
                            existingSecret: ""
                        services:
                          odooConnector:
                            enabled: false
                        """, "odoo-sink needs odoo.url, odoo.database, an Odoo login and the Secret with its API key"),
                Arguments.of("CDC without its database", """
                        services:
                          odooConnector:
                            mode: CDC
                        """, "services.odooConnector.mode CDC needs services.odooConnector.cdc.host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void theSchemaRefuses(String name, String values, String message, @TempDir Path dir) {
        String refusal = TrestleChart.refusal(TrestleChart.valuesFile(dir, "bad", values));
        assertThat(refusal).contains("values don't meet the specifications of the schema").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleViolations")
    void theChartRefuses(String name, String values, String message, @TempDir Path dir) {
        assertThat(TrestleChart.refusal(TrestleChart.valuesFile(dir, "bad", values))).contains(message);
    }
}
