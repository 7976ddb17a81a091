package io.trestle.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.ConsumeUntil;
import io.trestle.testkit.kafka.TopicSpec;
import io.trestle.testkit.process.ServiceProcess;

/**
 * Across the services: telemetry pushed over HTTP into the equipment connector comes out of the telemetry aggregator as
 * priced cost postings, and the Odoo sink writes them into Odoo (the stand-in) as analytic lines — through a real
 * broker and the registry, with every service running as the packaged application it is in production.
 */
class TelemetryToCostPostingIT {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "e2e-secret";
    private static final Instant FIRST_READING = TelemetryFeed.FIRST_READING;

    private static ServiceProcess connector;
    private static ServiceProcess aggregator;
    private static ServiceProcess sink;
    private static OdooStandIn odoo;

    @BeforeAll
    static void startServicesAndSendTheFeed() throws Exception {
        // The aggregator reads reservations with the telemetry, partition by partition: as many partitions for both.
        STACK.createTopics(TopicSpec.of(TrestleTopic.EQUIPMENT_TELEMETRY.topicName(), 3),
                TopicSpec.of(TrestleTopic.EQUIPMENT_RESERVATION.topicName(), 3),
                TopicSpec.compacted(TrestleTopic.MASTER_EQUIPMENT_ASSET.topicName(), 1),
                TopicSpec.of(TrestleTopic.COST_POSTING.topicName(), 3));
        Map<String, String> kafka = Map.of("kafka.bootstrap.servers", STACK.bootstrapServers(),
                "trestle.registry.url", STACK.registryUrl());
        Map<String, String> connectorConfig = new LinkedHashMap<>(kafka);
        connectorConfig.put("trestle.equipment-connector.api-keys", "e2e:" + API_KEY);
        connector = PackagedServices.start("equipment-connector", connectorConfig);

        Map<String, String> aggregatorConfig = new LinkedHashMap<>(kafka);
        // Fresh state on every run: state left in target/ by an earlier run would not match this run's new broker.
        aggregatorConfig.put("quarkus.kafka-streams.application-id", "e2e-telemetry-aggregator-" + UUID.randomUUID());
        aggregatorConfig.put("kafka-streams.state.dir",
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-streams-")
                        .toAbsolutePath()
                        .toString());
        aggregatorConfig.put("trestle.telemetry-aggregator.window.size", "PT15M");
        aggregatorConfig.put("trestle.telemetry-aggregator.window.grace", "PT10M");
        aggregatorConfig.put("trestle.telemetry-aggregator.pricing.currency", "EUR");
        aggregatorConfig.put("trestle.telemetry-aggregator.pricing.default-hourly-rate", "100.00");
        aggregatorConfig.put("trestle.telemetry-aggregator.pricing.asset-hourly-rates", "EX-2:150.00");
        aggregator = PackagedServices.start("telemetry-aggregator", aggregatorConfig);

        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        Map<String, String> sinkConfig = new LinkedHashMap<>(kafka);
        sinkConfig.put("trestle.odoo-sink.odoo.url", odoo.url().toString());
        sinkConfig.put("trestle.odoo-sink.odoo.database", odoo.database());
        sinkConfig.put("trestle.odoo-sink.odoo.login", odoo.adminLogin());
        sinkConfig.put("trestle.odoo-sink.odoo.api-key", odoo.adminApiKey());
        sinkConfig.put("trestle.odoo-sink.costs.unallocated-account-id",
                Long.toString(OdooSetup.unallocatedAccount(odoo)));
        sinkConfig.put("trestle.odoo-sink.consumer-group", "e2e-odoo-sink-" + UUID.randomUUID());
        sink = PackagedServices.start("odoo-sink", sinkConfig);

        HttpResponse<String> response = TelemetryFeed.push(connector, API_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(TelemetryFeed.READINGS);
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        if (sink != null) {
            sink.close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (aggregator != null) {
            aggregator.close();
        }
        if (connector != null) {
            connector.close();
        }
    }

    /**
     * EX-1 works 08:00–08:40 and EX-2 from 08:30 on, 0.05 h per 5 minutes; EX-2 misses its 08:45 reading, so its
     * 08:40–08:50 usage is split across two windows. With 15-minute windows and 10 minutes of grace, the last readings
     * (09:30) close every window ending by 09:15; windows without usage are not posted.
     */
    @Test
    void readingsPushedToTheConnectorBecomePricedCostPostingsPerAssetAndWindow() {
        List<CostPosting> postings = consumeCostPostings(6);

        assertThat(postings)
                .extracting(p -> p.getAssetId(), p -> p.getWindowStart().toString(), p -> p.getAmount(),
                        p -> p.getHourlyRate())
                .containsExactlyInAnyOrder(
                        tuple("EX-1", at("08:00"), new BigDecimal("15.00"), new BigDecimal("100.0000")),
                        tuple("EX-1", at("08:15"), new BigDecimal("15.00"), new BigDecimal("100.0000")),
                        tuple("EX-1", at("08:30"), new BigDecimal("10.00"), new BigDecimal("100.0000")),
                        tuple("EX-2", at("08:30"), new BigDecimal("22.50"), new BigDecimal("150.0000")),
                        tuple("EX-2", at("08:45"), new BigDecimal("22.50"), new BigDecimal("150.0000")),
                        tuple("EX-2", at("09:00"), new BigDecimal("22.50"), new BigDecimal("150.0000")));
        assertThat(postings).allSatisfy(posting -> {
            assertThat(posting.getWindowEnd()).isEqualTo(posting.getWindowStart().plus(Duration.ofMinutes(15)));
            assertThat(posting.getCurrency()).isEqualTo("EUR");
            assertThat(posting.getCostCodeId()).isEqualTo("UNALLOCATED");
            assertThat(posting.getCorrectionOf()).isNull();
        });
        assertThat(postings).extracting(CostPosting::getPostingId).doesNotHaveDuplicates();
        CostPosting firstWindow = postings.stream()
                .filter(p -> p.getAssetId().equals("EX-1") && p.getWindowStart().equals(FIRST_READING))
                .findFirst()
                .orElseThrow();
        assertThat(firstWindow.getFuelUsed().getValue()).isCloseTo(4.5, within(1e-9));
        assertThat(firstWindow.getFuelUsed().getUnit()).isEqualTo("L");
    }

    /** The end of the line: every posting is an analytic line in Odoo, booked as a cost on the unallocated account. */
    @Test
    void theCostPostingsEndInOdooAsAnalyticLinesOnePerPosting() {
        List<CostPosting> postings = consumeCostPostings(6);

        await().atMost(Duration.ofSeconds(90)).until(() -> linesWithRef().size() >= postings.size());

        Map<String, Map<String, Object>> lines = new HashMap<>();
        linesWithRef().forEach(line -> lines.put((String) line.get("ref"), line));
        assertThat(linesWithRef()).hasSize(postings.size());
        assertThat(postings).allSatisfy(posting -> {
            Map<String, Object> line = lines.get(posting.getPostingId());
            assertThat(line).as("analytic line of posting %s", posting.getPostingId()).isNotNull();
            assertThat(BigDecimal.valueOf(((Number) line.get("amount")).doubleValue()))
                    .isEqualByComparingTo(posting.getAmount().negate());
            assertThat(((Number) line.get("unit_amount")).doubleValue())
                    .isCloseTo(posting.getOperatingHours(), within(1e-9));
            assertThat(line.get("date")).isEqualTo(posting.getWindowStart().toString().substring(0, 10));
        });
    }

    /**
     * A team without Java reads the same postings: librdkafka consumes the topic, the schema comes from the registry's
     * Confluent-compatible API by the id in each record, and the Avro body is decoded in Python.
     */
    @Test
    void aPythonClientDecodesThePostingsThroughTheConfluentCompatibleApi() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "Debian's /usr/bin/python3 is not installed");
        Assumptions.assumeTrue(new ProcessBuilder(python.toString(), "-c", "import confluent_kafka, avro").start()
                .waitFor() == 0, "python3-confluent-kafka and python3-avro are not installed (apt-get install)");
        List<CostPosting> javaView = consumeCostPostings(6);
        Path reader = Path.of(System.getProperty("trestle.root", "../.."), "deploy/local/read_avro_topic.py");

        Path stdout = Path.of("target/read_avro_topic.stdout");
        Process process = new ProcessBuilder(python.toString(), reader.toString(), "--bootstrap",
                STACK.bootstrapServers(), "--registry", STACK.registry().ccompatUrl(), "--topic",
                TrestleTopic.COST_POSTING.topicName(), "--max-records", "6", "--timeout-seconds", "60")
                .redirectOutput(stdout.toFile())
                .redirectError(Path.of("target/read_avro_topic.stderr").toFile())
                .start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(stdout);
        assertThat(exited).as("the reader finished within 90 s; stdout:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("reader exit code; stdout:%n%s", output).isZero();

        List<JsonNode> decoded = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            decoded.add(JSON.readTree(line));
        }
        assertThat(decoded).hasSize(6);
        assertThat(decoded).extracting(record -> tuple(record.get("value").get("postingId").asText(),
                record.get("value").get("amount").asText(), record.get("value").get("windowStart").asText()))
                .containsExactlyInAnyOrderElementsOf(javaView.stream()
                        .map(p -> tuple(p.getPostingId(), p.getAmount().toPlainString(),
                                p.getWindowStart().toString().replace("Z", ".000Z")))
                        .toList());
        assertThat(decoded).allSatisfy(record -> assertThat(record.get("schemaId").asInt()).isPositive());
    }

    private static List<Map<String, Object>> linesWithRef() {
        return odoo.records("account.analytic.line").stream().filter(line -> line.get("ref") instanceof String)
                .toList();
    }

    /** The time of day hh:mm on the day of the feed, as ISO-8601. */
    private static String at(String hhmm) {
        return FIRST_READING.truncatedTo(ChronoUnit.DAYS).plus(Duration.between(java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.parse(hhmm))).toString();
    }

    private static List<CostPosting> consumeCostPostings(int expected) {
        try (KafkaConsumer<String, CostPosting> consumer = STACK.avro()
                .specificConsumer("e2e-check-" + System.nanoTime())) {
            List<CostPosting> postings = ConsumeUntil.records(consumer, TrestleTopic.COST_POSTING.topicName(), expected,
                    Duration.ofSeconds(90))
                    .stream()
                    .map(ConsumerRecord::value)
                    .toList();
            assertThat(postings).as("postings, none more than expected").hasSize(expected);
            return postings;
        }
    }

}
