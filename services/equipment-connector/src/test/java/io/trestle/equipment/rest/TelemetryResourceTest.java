package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class TelemetryResourceTest {

    private static final String KEY = "test-key";
    private static final String TOPIC = TrestleTopic.EQUIPMENT_TELEMETRY.topicName();

    @Inject
    EquipmentConnectorConfig config;

    @Test
    void publishesEveryReadingAsAvroKeyedByAssetBeforeAnswering202() {
        String assetA = "EX-" + UUID.randomUUID();
        String assetB = "EX-" + UUID.randomUUID();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Map<String, Object> batch = Map.of("readings", List.of(
                Map.of("readingId", "a-1", "assetId", assetA, "readingTime", time.toString(),
                        "cumulativeOperatingHours", 1520.5, "cumulativeFuelUsed",
                        Map.of("value", 40210, "unit", "liter"),
                        "location", Map.of("latitude", 48.137, "longitude", 11.575), "engineRunning", true),
                Map.of("readingId", "b-1", "assetId", assetB, "readingTime", time.toString(),
                        "cumulativeOperatingHours", 88.0, "odometer", Map.of("value", 12.5, "unit", "mile"))));

        String correlationId = given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                .body(batch)
                .when().post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("eventIds", contains(TelemetryMapper.eventId("push:test", "a-1").toString(),
                        TelemetryMapper.eventId("push:test", "b-1").toString()))
                .extract().path("correlationId");

        // Read back as generic records: the test's Kafka client lives outside Quarkus' class loader.
        List<GenericRecord> published = readingsFor(List.of(assetA, assetB), 2);
        GenericRecord a = published.stream().filter(r -> assetA.equals(r.get("assetId").toString())).findFirst()
                .orElseThrow();
        assertThat(a.get("readingTime")).isEqualTo(time.toEpochMilli());
        assertThat(a.get("cumulativeOperatingHours")).isEqualTo(1520.5);
        assertThat(field(a, "cumulativeFuelUsed", "unit")).isEqualTo("L");
        assertThat(((GenericRecord) a.get("location")).get("latitude")).isEqualTo(48.137);
        assertThat(field(a, "metadata", "sourceSystem")).isEqualTo("push:test");
        assertThat(field(a, "metadata", "sourceRecordId")).isEqualTo("a-1");
        assertThat(field(a, "metadata", "correlationId")).isEqualTo(correlationId);
        GenericRecord b = published.stream().filter(r -> assetB.equals(r.get("assetId").toString())).findFirst()
                .orElseThrow();
        assertThat(field(b, "odometer", "unit")).isEqualTo("mi");
        assertThat(b.get("cumulativeFuelUsed")).isNull();
    }

    @Test
    void refusesAnInvalidBatchWholeNamingEachItemAndFieldAndPublishesNothingOfIt() {
        String asset = "EX-" + UUID.randomUUID();
        Map<String, Object> batch = Map.of("readings", List.of(
                Map.of("readingId", "ok-1", "assetId", asset, "readingTime", "2026-11-20T08:00:00Z",
                        "cumulativeOperatingHours", 10.0),
                Map.of("readingId", "bad-1", "assetId", asset, "readingTime", "2026-11-20T08:05:00Z",
                        "cumulativeOperatingHours", -1.0)));

        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY).body(batch)
                .when().post("/api/v1/telemetry")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("1 of 2 readings are invalid; nothing was published."))
                .body("violations", hasSize(1))
                .body("violations[0].item", equalTo(1))
                .body("violations[0].itemId", equalTo("bad-1"))
                .body("violations[0].field", equalTo("readings[1].cumulativeOperatingHours"));

        // A later valid reading of the same asset is the first and only one published for it.
        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                .body(Map.of("readings", List.of(Map.of("readingId", "after", "assetId", asset, "readingTime",
                        "2026-11-20T08:10:00Z", "cumulativeOperatingHours", 11.0))))
                .when().post("/api/v1/telemetry")
                .then().statusCode(202);
        assertThat(readingsFor(List.of(asset), 1)).extracting(r -> field(r, "metadata", "sourceRecordId"))
                .containsExactly("after");
    }

    @Test
    void malformedJsonIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                .body("{\"readings\":[{\"readingId\":\"r\",\"assetId\":\"A\",\"readingTime\":\"yesterday\"}]}")
                .when().post("/api/v1/telemetry")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("readings[0].readingTime"))
                .body("violations[0].message",
                        equalTo("'yesterday' is not a valid ISO-8601 instant (e.g. 2026-11-27T08:00:00Z)"));
    }

    @Test
    void refusesAnUnsafeCorrelationIdAndPublishesNothingOfTheBatch() {
        String asset = "EX-" + UUID.randomUUID();
        for (String correlationId : List.of("c".repeat(129), "two words")) {
            given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                    .header("X-Correlation-Id", correlationId)
                    .body(Map.of("readings", List.of(Map.of("readingId", "refused", "assetId", asset, "readingTime",
                            "2026-11-20T08:00:00Z", "cumulativeOperatingHours", 10.0))))
                    .when().post("/api/v1/telemetry")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("violations", hasSize(1))
                    .body("violations[0].field", equalTo("X-Correlation-Id"));
        }

        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                .header("X-Correlation-Id", "order-4711:retry.2")
                .body(Map.of("readings", List.of(Map.of("readingId", "after", "assetId", asset, "readingTime",
                        "2026-11-20T08:10:00Z", "cumulativeOperatingHours", 11.0))))
                .when().post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("correlationId", equalTo("order-4711:retry.2"));
        assertThat(readingsFor(List.of(asset), 1)).extracting(r -> field(r, "metadata", "sourceRecordId"))
                .containsExactly("after");
    }

    @Test
    void acceptsConcurrentFullBatchesFarBeyondTheEmittersDefaultBuffer() throws Exception {
        // Eight full batches at once: 8000 readings against SmallRye's default emitter buffer of 128 plus the
        // sink's 1024 in flight, all within the default max-in-flight-readings of 8192.
        int batches = 8;
        int batchSize = config.ingest().maxBatchSize();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        List<String> assets = IntStream.range(0, batches).mapToObj(i -> "EX-" + UUID.randomUUID()).toList();
        ExecutorService clients = Executors.newFixedThreadPool(batches);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String asset : assets) {
                List<Map<String, Object>> readings = IntStream.range(0, batchSize)
                        .mapToObj(i -> Map.<String, Object>of("readingId", asset + "-" + i, "assetId", asset,
                                "readingTime", time.plusSeconds(i).toString(), "cumulativeOperatingHours", 100.0 + i))
                        .toList();
                statuses.add(clients.submit(() -> given().contentType(ContentType.JSON)
                        .header(ApiKeyFilter.HEADER, KEY).body(Map.of("readings", readings))
                        .when().post("/api/v1/telemetry")
                        .then().extract().statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(202);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(readingsFor(assets, batches * batchSize)).extracting(r -> field(r, "metadata", "sourceRecordId"))
                .doesNotHaveDuplicates();
    }

    @Test
    void requestsWithoutAValidApiKeyAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("readings", List.of()))
                .when().post("/api/v1/telemetry")
                .then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Missing API key"));
        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, "wrong").body(Map.of("readings", List.of()))
                .when().post("/api/v1/telemetry")
                .then().statusCode(401).body("title", equalTo("Unknown API key"));
    }

    @Test
    void servesHealthMetricsAndTheOpenApiDocument() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200).body(startsWith("---"));
    }

    @Test
    void topicComesFromTheCatalogue() {
        assertThat(config.topics().telemetry()).isEqualTo(TOPIC);
    }

    /** Readings published for the given assets, ignoring other tests' assets on the same topic. */
    private static List<GenericRecord> readingsFor(List<String> assets, int expected) {
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
            assertThat(mine).as("readings published for %s", assets).hasSize(expected);
            return mine.stream().map(ConsumerRecord::value).toList();
        }
    }

    private static String field(GenericRecord record, String nested, String name) {
        Object value = ((GenericRecord) record.get(nested)).get(name);
        return value == null ? null : value.toString();
    }
}
