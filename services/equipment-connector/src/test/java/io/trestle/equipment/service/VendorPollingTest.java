package io.trestle.equipment.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trestle.equipment.client.StandInVendor;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

/** Polled readings travel the whole way: vendor API, crosswalk, validation, telemetry topic as Avro keyed by asset. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@TestProfile(VendorPollingTest.AcmeVendorProfile.class)
class VendorPollingTest {

    private static final String TOPIC = TrestleTopic.EQUIPMENT_TELEMETRY.topicName();
    private static final String LOADER = "EX-LOADER-" + UUID.randomUUID();
    private static final String HAULER = "EX-HAULER-" + UUID.randomUUID();

    @Inject
    VendorPolling polling;

    @Inject
    InMemoryMachineResolver resolver;

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
    }

    /** Readings published for the given assets, ignoring other tests' assets on the same topic. */
    private static List<ConsumerRecord<String, GenericRecord>> readingsFor(List<String> assets, int expected) {
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, GenericRecord>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (assets.contains(record.key())) {
                        assertThat(record.value().get("assetId")).hasToString(record.key());
                        mine.add(record);
                    }
                });
            }
            // One more poll, so a duplicate published right after the expected readings is seen.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
                if (assets.contains(record.key())) {
                    mine.add(record);
                }
            });
            assertThat(mine).as("readings published for %s", assets).hasSize(expected);
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
