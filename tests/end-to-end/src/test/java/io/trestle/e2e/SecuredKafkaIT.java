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
 * Every service on a broker run like a production cluster: clients must log in (SASL) and may do only what ACLs allow.
 * Each service logs in as its own user, configured as a deployment does it (the {@code KAFKA_*} environment variables),
 * with exactly the ACLs the Helm chart's KafkaUser gives it (derived from the chart's per-service facts,
 * {@code helm/trestle/files/services.yaml}) — so every client a service has (SmallRye channels, its own producers and
 * consumers, state topics, Kafka Streams with exactly-once transactions and internal topics) must carry the security
 * settings and stay within those rights, or the service does not become ready or the flow stops. The telemetry flow
 * then runs end to end, and the services' logs, metrics and health output are searched for every secret they were
 * given.
 */
class SecuredKafkaIT {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final String CONNECTOR = "equipment-connector";
    private static final String AGGREGATOR = "telemetry-aggregator";
    private static final String SINK = "odoo-sink";
    private static final String ODOO_CONNECTOR = "odoo-connector";
    private static final String SCHEDULES = "schedule-connector";
    private static final String OPERATIONS = "operations-processor";
    private static final Map<String, String> PASSWORDS = Map.of(CONNECTOR, secret("kafka-connector"), AGGREGATOR,
            secret("kafka-aggregator"), SINK, secret("kafka-sink"), ODOO_CONNECTOR, secret("kafka-odoo-connector"),
            SCHEDULES, secret("kafka-schedules"), OPERATIONS, secret("kafka-operations"));
    private static final String API_KEY = secret("push-key");
    private static final String CROSSWALK_KEY = secret("crosswalk-key");
    private static final String SCHEDULE_KEY = secret("schedule-key");

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
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            admin.createAcls(ChartAcls.of(Path.of(System.getProperty("trestle.root", "../.."),
                    "helm/trestle/files/services.yaml"), PASSWORDS.keySet())).all().get(30, TimeUnit.SECONDS);
        }
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());

        SERVICES.add(PackagedServices.start(CONNECTOR,
                Map.of("trestle.equipment-connector.api-keys", "e2e:" + API_KEY), kafkaEnvironment(CONNECTOR)));

        Map<String, String> aggregator = new LinkedHashMap<>();
        aggregator.put("kafka-streams.state.dir", stateDirectory(AGGREGATOR));
        aggregator.put("trestle.telemetry-aggregator.window.size", "PT15M");
        aggregator.put("trestle.telemetry-aggregator.window.grace", "PT10M");
        aggregator.put("trestle.telemetry-aggregator.pricing.currency", "EUR");
        aggregator.put("trestle.telemetry-aggregator.pricing.default-hourly-rate", "100.00");
        SERVICES.add(PackagedServices.start(AGGREGATOR, aggregator, kafkaEnvironment(AGGREGATOR)));

        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("trestle.odoo-sink.odoo.url", odoo.url().toString());
        sink.put("trestle.odoo-sink.odoo.database", odoo.database());
        sink.put("trestle.odoo-sink.odoo.login", odoo.adminLogin());
        sink.put("trestle.odoo-sink.costs.unallocated-account-id", Long.toString(OdooSetup.unallocatedAccount(odoo)));
        Map<String, String> sinkEnvironment = new HashMap<>(kafkaEnvironment(SINK));
        sinkEnvironment.put("TRESTLE_ODOO_SINK_ODOO_API_KEY", odoo.adminApiKey());
        SERVICES.add(PackagedServices.start(SINK, sink, sinkEnvironment));

        Map<String, String> odooConnector = new LinkedHashMap<>();
        odooConnector.put("trestle.odoo-connector.mode", "POLLING");
        odooConnector.put("trestle.odoo-connector.odoo.url", odoo.url().toString());
        odooConnector.put("trestle.odoo-connector.odoo.database", odoo.database());
        odooConnector.put("trestle.odoo-connector.odoo.login", odoo.adminLogin());
        Map<String, String> odooConnectorEnvironment = new HashMap<>(kafkaEnvironment(ODOO_CONNECTOR));
        odooConnectorEnvironment.put("TRESTLE_ODOO_CONNECTOR_ODOO_API_KEY", odoo.adminApiKey());
        odooConnectorEnvironment.put("TRESTLE_ODOO_CONNECTOR_API_KEYS", "e2e:" + CROSSWALK_KEY);
        SERVICES.add(PackagedServices.start(ODOO_CONNECTOR, odooConnector, odooConnectorEnvironment));

        Map<String, String> schedules = new LinkedHashMap<>();
        schedules.put("trestle.schedule-connector.planner-zone", "Europe/Berlin");
        schedules.put("trestle.schedule-connector.data-dir", stateDirectory(SCHEDULES));
        Map<String, String> schedulesEnvironment = new HashMap<>(kafkaEnvironment(SCHEDULES));
        schedulesEnvironment.put("TRESTLE_SCHEDULE_CONNECTOR_API_KEYS", "e2e:" + SCHEDULE_KEY);
        SERVICES.add(PackagedServices.start(SCHEDULES, schedules, schedulesEnvironment));

        SERVICES.add(PackagedServices.start(OPERATIONS, Map.of("kafka-streams.state.dir", stateDirectory(OPERATIONS)),
                kafkaEnvironment(OPERATIONS)));
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
        secrets.addAll(List.of(API_KEY, CROSSWALK_KEY, SCHEDULE_KEY, odoo.adminApiKey()));
        for (ServiceProcess service : SERVICES) {
            String exposed = service.log() + get(service, "/q/metrics") + get(service, "/q/health");
            assertThat(exposed).as("log, metrics and health of %s", service.name())
                    .contains("Successfully logged in") // Kafka's SASL login
                    .doesNotContain(secrets)
                    .doesNotContain("not authorized", "AuthorizationException");
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

    private static String secret(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static String stateDirectory(String service) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "secured-" + service + "-")
                .toAbsolutePath().toString();
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
