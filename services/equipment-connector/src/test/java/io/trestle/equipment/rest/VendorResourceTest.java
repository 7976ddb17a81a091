package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.trestle.equipment.client.StandInVendor;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * The vendors' operations endpoints against a stand-in vendor: {@code yard} is polled (its fleet resource answers 404,
 * so its cycles publish nothing), {@code pending} is configured but not polled.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@TestProfile(VendorResourceTest.VendorsProfile.class)
class VendorResourceTest {

    private static final String KEY = "test-key";
    private static final String LOADER = "RXL40000000000001";
    private static final String HAULER = "CAT0745C3T600123";
    private static final String LOADER_ASSET = "EX-LOADER-" + UUID.randomUUID();
    private static final String HAULER_ASSET = "EX-HAULER-" + UUID.randomUUID();

    @Inject
    InMemoryMachineResolver resolver;

    @BeforeEach
    void mapTheMachines() {
        resolver.map(LOADER, LOADER_ASSET).map(HAULER, HAULER_ASSET).ready(true);
    }

    @Test
    void fetchesOneMachineThroughTheProfileAndShowsWhatPollingWouldPublishWithoutPublishingIt() {
        List<String> topics = List.of(TrestleTopic.EQUIPMENT_TELEMETRY.topicName(),
                TrestleTopic.INTEGRATION_QUARANTINE.topicName());
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("vendor-equipment-" + UUID.randomUUID())) {
            Map<String, Long> before = endOffsets(consumer, topics);

            JsonPath answer = equipment("pending", LOADER).then().statusCode(200)
                    .contentType("application/json")
                    .body("published", equalTo(false))
                    .body("vendor", equalTo("pending"))
                    .body("system", equalTo("aemp:pending-fleet"))
                    .body("sourceSystem", equalTo("aemp:pending"))
                    .body("counts.machines", equalTo(1))
                    .body("counts.toPublish", equalTo(2))
                    .body("counts.toQuarantine", equalTo(0))
                    .extract().jsonPath();

            assertThat(answer.getString("machines[0].identity.pin")).isEqualTo(LOADER);
            assertThat(answer.getString("machines[0].assetId")).isEqualTo(LOADER_ASSET);
            assertThat(answer.getList("machines[0].readings.canonical.readingTime")).containsExactly(
                    "2024-03-04T10:14:00Z", "2024-03-04T10:15:00Z");
            assertThat(answer.getFloat("machines[0].readings[0].canonical.cumulativeOperatingHours"))
                    .isEqualTo(1204.5f);
            assertThat(answer.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                    .startsWith("Fetched http://").contains("/fleet-42/Fleet/Equipment/" + LOADER + " within"))
                    .anySatisfy(note -> assertThat(note).contains("'pending' is not polled"));
            assertThat(endOffsets(consumer, topics)).isEqualTo(before);
        }
    }

    @Test
    void aSecondRequestForTheSameMachineWithinTheRequestBudgetIsDeferredWithRetryAfter() {
        equipment("pending", HAULER).then().statusCode(502);

        Response deferred = equipment("pending", HAULER);

        deferred.then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://trestle.dev/problems/vendor-request-deferred"))
                .body("detail", containsString("request budget"));
        assertThat(Long.parseLong(deferred.header("Retry-After"))).isBetween(800L, 900L);
    }

    @Test
    void aMachineTheVendorDoesNotKnowIsABadGatewayNamingTheVendorsAnswer() {
        equipment("pending", "NO-SUCH-PIN").then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("https://trestle.dev/problems/vendor-failed"))
                .body("detail", containsString("/fleet-42/Fleet/Equipment/NO-SUCH-PIN answered HTTP 404"));
    }

    @Test
    void aPolledVendorsFetchSpendsThePollersRequestBudgetAndShowsInItsStatus() {
        // Once the cycle at startup has run (its fleet page answers 404), the next is an hour away.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "FAILED".equals(vendors().getString("find { it.vendor == 'yard' }.lastOutcome")));
        int requestsBefore = vendors().getInt("find { it.vendor == 'yard' }.requestsMade");

        JsonPath answer = equipment("yard", LOADER).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getString("sourceSystem")).isEqualTo("aemp:yard");
        assertThat(answer.getList("notes", String.class)).noneSatisfy(note -> assertThat(note).contains("not polled"));
        JsonPath status = vendors();
        assertThat(status.getList("vendor")).containsExactly("yard");
        assertThat(status.getInt("find { it.vendor == 'yard' }.requestsMade")).isEqualTo(requestsBefore + 1);
        Map<String, Object> yard = status.getMap("find { it.vendor == 'yard' }");
        assertThat(yard).containsEntry("readingsBackfilled", 0).containsEntry("backfillsPending", 0)
                .containsEntry("backfillsCapped", 0).containsEntry("lastBackfillCap", null)
                .containsEntry("lastBackfillError", null);
        assertThat((String) yard.get("lastError")).contains("/fleet-42/Fleet/1", "HTTP 404");
        equipment("yard", LOADER).then().statusCode(503).header("Retry-After", notNullValue());
    }

    @Test
    void anUnknownVendorIsNotFound() {
        equipment("nobody", LOADER).then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Unknown vendor profile"))
                .body("detail", containsString("No vendor profile 'nobody' is configured"));
    }

    @Test
    void requestsWithoutAnApiKeyAreRefused() {
        given().when().get("/api/v1/vendors").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/vendors/pending/equipment/" + LOADER).then().statusCode(401);
    }

    private static Response equipment(String vendor, String id) {
        return given().header(ApiKeyFilter.HEADER, KEY).when().get("/api/v1/vendors/" + vendor + "/equipment/" + id);
    }

    private static JsonPath vendors() {
        return given().header(ApiKeyFilter.HEADER, KEY).when().get("/api/v1/vendors").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    /** The records each topic ever received, summed over its partitions; 0 for a topic not created yet. */
    private static Map<String, Long> endOffsets(KafkaConsumer<String, GenericRecord> consumer, List<String> topics) {
        return topics.stream().collect(Collectors.toMap(topic -> topic, topic -> {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }));
    }

    public static class VendorsProfile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Vendors.class));
        }
    }

    /** One stand-in serving both profiles; each profile has a request budget of its own. */
    public static class Vendors implements QuarkusTestResourceLifecycleManager {

        private StandInVendor vendor;

        @Override
        public Map<String, String> start() {
            vendor = new StandInVendor().page("Fleet/Equipment/" + LOADER, "equipment-loader.json");
            String prefix = "trestle.equipment-connector.vendors.";
            return Map.of(prefix + "yard.base-url", vendor.baseUrl().toString(),
                    prefix + "yard.system", "aemp:yard-" + UUID.randomUUID(),
                    prefix + "yard.interval", "PT1H",
                    prefix + "pending.enabled", "false",
                    prefix + "pending.base-url", vendor.baseUrl().toString(),
                    prefix + "pending.system", "aemp:pending-fleet");
        }

        @Override
        public void stop() {
            vendor.close();
        }
    }
}
