package io.trestle.equipment.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trestle.equipment.client.StandInVendor;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.TopicReads;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * Polled readings travel the whole way: vendor API, crosswalk, validation, telemetry topic as Avro keyed by asset, and
 * readings of unknown machines to the quarantine topic.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@TestProfile(VendorPollingTest.AcmeVendorProfile.class)
class VendorPollingTest {

    private static final String TOPIC = TrestleTopic.EQUIPMENT_TELEMETRY.topicName();
    private static final String QUARANTINE_TOPIC = TrestleTopic.INTEGRATION_QUARANTINE.topicName();
    private static final String UNKNOWN = "RXS20000000000099";
    private static final String LOADER = "EX-LOADER-" + UUID.randomUUID();
    private static final String HAULER = "EX-HAULER-" + UUID.randomUUID();

    @Inject
    VendorPolling polling;

    @Inject
    InMemoryMachineResolver resolver;

    @Inject
    PollPositions positions;

    @ConfigProperty(name = "trestle.equipment-connector.topics.poll-positions")
    String positionsTopic;

    /** Unique to this run, so quarantine entries of earlier runs on the same broker are not mistaken for this one's. */
    @ConfigProperty(name = "trestle.equipment-connector.vendors.acme.system")
    String system;

    @ConfigProperty(name = "trestle.equipment-connector.vendors.acme.base-url")
    String baseUrl;

    @BeforeEach
    void awaitThePositions() {
        // Read on a thread of their own at startup; until then a cycle requests nothing.
        await().atMost(Duration.ofSeconds(60)).until(positions::ready);
    }

    @Test
    void publishesPolledReadingsAsCanonicalTelemetryKeyedByAssetOnceEach() {
        resolver.map("RXL40000000000001", LOADER).map("CAT0745C3T600123", HAULER);
        FleetPoller acme = polling.poller("acme").orElseThrow();

        // The cycle run at startup may have come first; either way each reading is published once.
        acme.cycle();
        acme.cycle();

        List<ConsumerRecord<String, GenericRecord>> published = readingsFor(List.of(LOADER, HAULER), 3);
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(LOADER, LOADER, HAULER);
        GenericRecord hauler = published.stream().filter(r -> r.key().equals(HAULER)).findFirst().orElseThrow()
                .value();
        assertThat(hauler.get("cumulativeOperatingHours")).isEqualTo(6021.4);
        assertThat(((GenericRecord) hauler.get("metadata")).get("sourceSystem")).hasToString("aemp:acme");
        assertThat(acme.status().readingsPublished()).isEqualTo(3);

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'aemp-polling' }.data.'acme.readingsPublished'", equalTo(3));
        assertThat(storedPositions()).containsEntry("[\"acme\",\"" + LOADER + "\",\"operatingHours\"]",
                "{\"publishedUpTo\":\"2024-03-04T10:14:00Z\"}")
                .containsEntry("[\"acme\",\"" + HAULER + "\",\"operatingHours\"]",
                        "{\"publishedUpTo\":\"2024-03-04T10:00:00Z\"}");
    }

    /** The latest record of each key on the positions topic the connector created, as a compaction would leave it. */
    private Map<String, String> storedPositions() {
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                TopicReads
                        .consumerConfig(KafkaConnection.plaintext(TrestleStack.kafkaAndRegistry().bootstrapServers())),
                new StringDeserializer(), new StringDeserializer())) {
            TopicReads.readToEnd(consumer, positionsTopic, Duration.ofSeconds(30),
                    record -> latest.put(record.key(), record.value()));
        }
        return latest;
    }

    @Test
    void quarantinesTheReadingOfAMachineUnknownToTheCrosswalkOnceWithItsExternalIds() {
        FleetPoller acme = polling.poller("acme").orElseThrow();

        // The cycle run at startup may have quarantined it already; the repeats must not add another entry.
        acme.cycle();
        acme.cycle();

        GenericRecord entry = recordsOf(QUARANTINE_TOPIC, this::isAboutTheUnknownMachine, 1).get(0).value();
        assertThat(entry.get("reasonCode")).hasToString("UNMAPPED_EXTERNAL_ID");
        assertThat(entry.get("detectedBy")).hasToString("equipment-connector");
        assertThat(entry.get("sourceEndpoint")).hasToString(baseUrl + "Fleet/1");
        assertThat(entry.get("contentType")).hasToString("application/json");
        assertThat(entry.get("payloadText").toString()).contains(UNKNOWN, "\"cumulativeOperatingHours\":77.0");
        GenericRecord metadata = (GenericRecord) entry.get("metadata");
        assertThat(metadata.get("sourceSystem")).hasToString("aemp:acme");
        assertThat(acme.status().readingsQuarantined()).isPositive();
    }

    private boolean isAboutTheUnknownMachine(ConsumerRecord<String, GenericRecord> record) {
        return ((List<?>) record.value().get("unresolvedIds")).stream().map(GenericRecord.class::cast)
                .anyMatch(id -> id.get("system").toString().equals(system)
                        && id.get("entityType").toString().equals("equipment")
                        && id.get("value").toString().equals(UNKNOWN));
    }

    /** Readings published for the given assets, ignoring other tests' assets on the same topic. */
    private static List<ConsumerRecord<String, GenericRecord>> readingsFor(List<String> assets, int expected) {
        List<ConsumerRecord<String, GenericRecord>> mine = recordsOf(TOPIC, record -> assets.contains(record.key()),
                expected);
        mine.forEach(record -> assertThat(record.value().get("assetId")).hasToString(record.key()));
        return mine;
    }

    /** Exactly {@code expected} records of the topic are {@code mine}. */
    private static List<ConsumerRecord<String, GenericRecord>> recordsOf(String topic,
            Predicate<ConsumerRecord<String, GenericRecord>> isMine, int expected) {
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, GenericRecord>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (isMine.test(record)) {
                        mine.add(record);
                    }
                });
            }
            // One more poll, so a duplicate published right after the expected records is seen.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
                if (isMine.test(record)) {
                    mine.add(record);
                }
            });
            assertThat(mine).as("records of %s", topic).hasSize(expected);
            return mine;
        }
    }

    public static class AcmeVendorProfile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AcmeVendor.class));
        }
    }

    /** The stand-in vendor API, up before the application so its URL can be configured. */
    public static class AcmeVendor implements QuarkusTestResourceLifecycleManager {

        private StandInVendor vendor;

        @Override
        public Map<String, String> start() {
            vendor = new StandInVendor().page("Fleet/1", "fleet-page-1.json").page("Fleet/2", "fleet-page-2.xml");
            String prefix = "trestle.equipment-connector.vendors.acme.";
            return Map.of(prefix + "base-url", vendor.baseUrl().toString(),
                    prefix + "system", "aemp:acme-" + UUID.randomUUID(),
                    // The test drives the cycles; the scheduled one runs only at startup.
                    prefix + "interval", "PT1H",
                    prefix + "min-request-spacing", "PT0S");
        }

        @Override
        public void stop() {
            vendor.close();
        }
    }
}
