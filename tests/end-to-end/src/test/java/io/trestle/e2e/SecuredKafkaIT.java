package io.trestle.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.ConsumeUntil;
import io.trestle.testkit.kafka.LocalKafka;
import io.trestle.testkit.kafka.TopicSpec;
import io.trestle.testkit.process.ServiceProcess;

/**
 * The telemetry flow on a broker run like a production cluster: clients must log in (SASL) and may do only what ACLs
 * allow. Each service logs in as its own user, configured as a deployment does it (the {@code KAFKA_*} environment
 * variables), with only the ACLs it needs — so every client a service has (SmallRye channels, its own producers and
 * consumers, Kafka Streams with exactly-once transactions and internal topics) must carry the security settings, or the
 * flow stops. The services' logs, metrics and health output are then searched for every secret they were given.
 */
class SecuredKafkaIT {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final String CONNECTOR = "equipment-connector";
    private static final String AGGREGATOR = "telemetry-aggregator";
    private static final String SINK = "odoo-sink";
    private static final Map<String, String> PASSWORDS = Map.of(CONNECTOR, "kafka-pw-connector-" + UUID.randomUUID(),
            AGGREGATOR, "kafka-pw-aggregator-" + UUID.randomUUID(), SINK, "kafka-pw-sink-" + UUID.randomUUID());
    private static final String API_KEY = "push-key-" + UUID.randomUUID();
    private static final String AGGREGATOR_ID = "secured-telemetry-aggregator";
    private static final String SINK_GROUP = "secured-odoo-sink";

    private static LocalKafka kafka;
    private static OdooStandIn odoo;
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();

    @BeforeAll
    static void startSecuredClusterAndServices() throws Exception {
        kafka = LocalKafka.startWithSasl(PASSWORDS);
        kafka.createTopics(java.util.Arrays.stream(TrestleTopic.values())
                .map(topic -> topic.retention().compacted()
                        ? TopicSpec.compacted(topic.topicName(), 1)
                        : TopicSpec.of(topic.topicName(), 3))
                .toArray(TopicSpec[]::new));
        grantLeastPrivilege();

        SERVICES.add(PackagedServices.start(CONNECTOR,
                Map.of("trestle.equipment-connector.api-keys", "e2e:" + API_KEY), kafkaEnvironment(CONNECTOR)));

        Map<String, String> aggregator = new LinkedHashMap<>();
        aggregator.put("quarkus.kafka-streams.application-id", AGGREGATOR_ID);
        aggregator.put("kafka-streams.state.dir",
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "secured-streams-")
                        .toAbsolutePath().toString());
        aggregator.put("trestle.telemetry-aggregator.window.size", "PT15M");
        aggregator.put("trestle.telemetry-aggregator.window.grace", "PT10M");
        aggregator.put("trestle.telemetry-aggregator.pricing.currency", "EUR");
        aggregator.put("trestle.telemetry-aggregator.pricing.default-hourly-rate", "100.00");
        SERVICES.add(PackagedServices.start(AGGREGATOR, aggregator, kafkaEnvironment(AGGREGATOR)));

        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("trestle.odoo-sink.odoo.url", odoo.url().toString());
        sink.put("trestle.odoo-sink.odoo.database", odoo.database());
        sink.put("trestle.odoo-sink.odoo.login", odoo.adminLogin());
        sink.put("trestle.odoo-sink.costs.unallocated-account-id", Long.toString(OdooSetup.unallocatedAccount(odoo)));
        sink.put("trestle.odoo-sink.consumer-group", SINK_GROUP);
        Map<String, String> sinkEnvironment = new HashMap<>(kafkaEnvironment(SINK));
        sinkEnvironment.put("TRESTLE_ODOO_SINK_ODOO_API_KEY", odoo.adminApiKey());
        SERVICES.add(PackagedServices.start(SINK, sink, sinkEnvironment));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (int i = SERVICES.size() - 1; i >= 0; i--) {
            SERVICES.get(i).close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void readingsBecomeAnalyticLinesThroughServicesThatLogInWithOnlyTheirOwnRights() throws Exception {
        HttpResponse<String> response = TelemetryFeed.push(SERVICES.get(0), API_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        assertThat(costPostingsOnTheSecuredBroker()).hasSize(TelemetryFeed.EXPECTED_POSTINGS);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(odoo.records("account.analytic.line")
                .stream().filter(line -> line.get("ref") instanceof String)).hasSize(TelemetryFeed.EXPECTED_POSTINGS));

        List<String> secrets = new ArrayList<>(PASSWORDS.values());
        secrets.add(API_KEY);
        secrets.add(odoo.adminApiKey());
        for (ServiceProcess service : SERVICES) {
            String exposed = service.log() + get(service, "/q/metrics") + get(service, "/q/health");
            assertThat(exposed).as("log, metrics and health of %s", service.name())
                    .contains("Successfully logged in") // Kafka's SASL login, by every client kind the service has
                    .doesNotContain(secrets);
        }
    }

    /** What a deployment sets for a service's Kafka login, e.g. from a Kubernetes Secret. */
    private static Map<String, String> kafkaEnvironment(String user) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        kafka.saslClientConfig(user).forEach((key, value) -> environment.put(
                "KAFKA_" + key.toUpperCase().replace('.', '_'), value));
        environment.put("TRESTLE_REGISTRY_URL", STACK.registryUrl());
        return environment;
    }

    /**
     * The ACLs each service needs and no more: the connector writes equipment events and quarantine entries; the
     * aggregator reads its three inputs, writes its outputs, and owns its application id's internal topics, group and
     * transactional ids; the sink reads its inputs in its own groups and writes quarantine entries and outcomes.
     */
    private static void grantLeastPrivilege() throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (TrestleTopic topic : List.of(TrestleTopic.EQUIPMENT_TELEMETRY, TrestleTopic.EQUIPMENT_FAULT,
                TrestleTopic.EQUIPMENT_WORK_ORDER, TrestleTopic.EQUIPMENT_RESERVATION,
                TrestleTopic.EQUIPMENT_AVAILABILITY, TrestleTopic.INTEGRATION_QUARANTINE)) {
            acls.add(allow(CONNECTOR, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.WRITE));
        }
        for (TrestleTopic topic : List.of(TrestleTopic.EQUIPMENT_TELEMETRY, TrestleTopic.EQUIPMENT_RESERVATION,
                TrestleTopic.MASTER_EQUIPMENT_ASSET)) {
            acls.add(allow(AGGREGATOR, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.READ));
        }
        for (TrestleTopic topic : List.of(TrestleTopic.COST_POSTING, TrestleTopic.OPERATIONS_UNALLOCATED_USAGE,
                TrestleTopic.INTEGRATION_QUARANTINE, TrestleTopic.ANALYTICS_ASSET_UTILIZATION)) {
            acls.add(allow(AGGREGATOR, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.WRITE));
        }
        acls.add(allow(AGGREGATOR, ResourceType.TOPIC, AGGREGATOR_ID, PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow(AGGREGATOR, ResourceType.GROUP, AGGREGATOR_ID, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(AGGREGATOR, ResourceType.TRANSACTIONAL_ID, AGGREGATOR_ID, PatternType.PREFIXED,
                AclOperation.WRITE));
        for (TrestleTopic topic : List.of(TrestleTopic.COST_POSTING, TrestleTopic.EQUIPMENT_WORK_ORDER,
                TrestleTopic.EQUIPMENT_FAULT, TrestleTopic.SCHEDULE_TASK_SCHEDULED, TrestleTopic.SCHEDULE_TASK_CHANGED,
                TrestleTopic.SCHEDULE_TASK_CANCELLED, TrestleTopic.SCHEDULE_CREW_ASSIGNMENT)) {
            acls.add(allow(SINK, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.READ));
        }
        for (TrestleTopic topic : List.of(TrestleTopic.INTEGRATION_QUARANTINE,
                TrestleTopic.INTEGRATION_SINK_OUTCOME)) {
            acls.add(allow(SINK, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.WRITE));
        }
        acls.add(allow(SINK, ResourceType.GROUP, SINK_GROUP + "-", PatternType.PREFIXED, AclOperation.READ));
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static List<Object> costPostingsOnTheSecuredBroker() {
        Map<String, Object> config = kafka.adminConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-check");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroKafkaDeserializer<Object> values = new AvroKafkaDeserializer<>();
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, STACK.registryUrl()), false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            return ConsumeUntil.records(consumer, TrestleTopic.COST_POSTING.topicName(),
                    TelemetryFeed.EXPECTED_POSTINGS, Duration.ofSeconds(120)).stream().map(r -> r.value()).toList();
        }
    }

    private static String get(ServiceProcess service, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

}
