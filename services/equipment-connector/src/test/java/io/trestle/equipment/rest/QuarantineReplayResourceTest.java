package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.service.QuarantineMapper;
import io.trestle.equipment.service.QuarantineSink;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class QuarantineReplayResourceTest {

    private static final String KEY = "test-key";
    private static final String PATH = "/api/v1/quarantine/replay";
    private static final String TELEMETRY_TOPIC = TrestleTopic.EQUIPMENT_TELEMETRY.topicName();
    private static final String QUARANTINE_TOPIC = TrestleTopic.INTEGRATION_QUARANTINE.topicName();

    /** Unique per test, so entries of other tests and earlier runs on the same broker are left out by the filter. */
    private final String sourceSystem = "aemp:replay-" + UUID.randomUUID();
    private final Instant firstSeen = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    @Inject
    InMemoryMachineResolver resolver;

    @Inject
    QuarantineSink quarantine;

    @Test
    void publishesTheReadingOfAMachineMappedSinceWithTheEventIdPollingGivesIt() throws Exception {
        String pin = "PIN-" + UUID.randomUUID();
        String asset = "EX-REPLAYED-" + UUID.randomUUID();
        QuarantinedEvent entry = quarantined(pin, "reading-" + UUID.randomUUID());
        resolver.map(pin, asset);

        replay().statusCode(200)
                .body("examined", equalTo(1))
                .body("replayed", equalTo(1))
                .body("stillQuarantined", equalTo(0))
                .body("replayedEntries[0].entryId", equalTo(entry.getMetadata().getEventId().toString()))
                .body("replayedEntries[0].assetId", equalTo(asset));

        GenericRecord reading = recordsOf(TELEMETRY_TOPIC, record -> asset.equals(record.key()), 1).get(0);
        GenericRecord metadata = (GenericRecord) reading.get("metadata");
        String readingId = entry.getMetadata().getSourceRecordId();
        assertThat(metadata.get("eventId")).hasToString(TelemetryMapper.eventId(sourceSystem, readingId).toString());
        assertThat(metadata.get("sourceSystem")).hasToString(sourceSystem);
        assertThat(reading.get("assetId")).hasToString(asset);
        assertThat(reading.get("cumulativeOperatingHours")).isEqualTo(1234.5);
    }

    @Test
    void quarantinesAnEntryStillUnmappedAgainWithTheNextAttemptAndItsFirstSightingKept() throws Exception {
        QuarantinedEvent entry = quarantined("PIN-" + UUID.randomUUID(), "reading-" + UUID.randomUUID());
        String entryId = entry.getMetadata().getEventId().toString();

        replay().statusCode(200).body("examined", equalTo(1)).body("replayed", equalTo(0))
                .body("stillQuarantined", equalTo(1));
        // The second replay sees attempts 1 and 2 of one entry: it counts the entry once and goes on from the latest.
        replay().statusCode(200).body("examined", equalTo(1)).body("stillQuarantined", equalTo(1));

        List<GenericRecord> attempts = recordsOf(QUARANTINE_TOPIC,
                record -> ((GenericRecord) record.value().get("metadata")).get("eventId").toString().equals(entryId),
                3);
        assertThat(attempts).extracting(attempt -> attempt.get("attempt")).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(attempt -> attempt.get("firstSeenAt")).containsOnly(firstSeen.toEpochMilli());
        assertThat(attempts).extracting(attempt -> attempt.get("reasonCode").toString())
                .containsOnly("UNMAPPED_EXTERNAL_ID");
    }

    @Test
    void publishesAPushedReadingOfAMachineMappedSinceWithTheEventIdThePushGaveIt() throws Exception {
        String pin = "PIN-" + UUID.randomUUID();
        String asset = "EX-PUSHED-" + UUID.randomUUID();
        String readingId = "pushed-" + UUID.randomUUID();
        String eventId = TelemetryMapper.eventId("push:test", readingId).toString();
        Map<String, Object> reading = Map.of("readingId", readingId, "machine", Map.of("pin", pin, "model", "RX"),
                "readingTime", firstSeen.toString(), "cumulativeOperatingHours", 321.5);

        String entryId = given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                .body(Map.of("readings", List.of(reading))).when().post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("accepted", equalTo(0))
                .body("quarantined", equalTo(1))
                .body("items[0].eventId", equalTo(eventId))
                .extract().path("items[0].quarantineId");
        resolver.map("push:test", pin, asset);

        List<Map<String, Object>> replayed = given().header(ApiKeyFilter.HEADER, KEY).queryParam("system", "push:test")
                .when().post(PATH).then().statusCode(200).extract().path("replayedEntries");

        assertThat(replayed).filteredOn(entry -> entryId.equals(entry.get("entryId"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("kind", "reading").containsEntry("assetId", asset)
                        .containsEntry("itemId", readingId).containsEntry("eventId", eventId));
        // Exactly one: the push itself published nothing of the reading.
        GenericRecord published = recordsOf(TELEMETRY_TOPIC, record -> asset.equals(record.key()), 1).get(0);
        GenericRecord metadata = (GenericRecord) published.get("metadata");
        assertThat(metadata.get("eventId")).hasToString(eventId);
        assertThat(metadata.get("sourceSystem")).hasToString("push:test");
        assertThat((List<?>) metadata.get("resolvedFrom")).singleElement()
                .satisfies(id -> assertThat(((GenericRecord) id).get("value")).hasToString(pin));
        assertThat(published.get("cumulativeOperatingHours")).isEqualTo(321.5);
    }

    @Test
    void answers503UntilTheCrosswalkIsRead() {
        resolver.ready(false);
        try {
            replay().statusCode(503).contentType("application/problem+json").header("Retry-After", "10");
        } finally {
            resolver.ready(true);
        }
    }

    @Test
    void requestsWithoutAnApiKeyAreRefused() {
        given().when().post(PATH).then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Missing API key"));
    }

    private ValidatableResponse replay() {
        return given().header(ApiKeyFilter.HEADER, KEY).queryParam("system", sourceSystem).when().post(PATH).then();
    }

    /** An entry as polling quarantines the reading of an unknown machine, acknowledged by the broker. */
    private QuarantinedEvent quarantined(String pin, String readingId) throws Exception {
        TelemetryItem reading = new TelemetryItem(readingId, null, firstSeen.minus(5, ChronoUnit.MINUTES), 1234.5, null,
                null, null, null, null, null, null, null, null);
        EquipmentIdentity machine = new EquipmentIdentity("Acme", "RX", null, pin, null);
        QuarantinedEvent entry = QuarantineMapper.toEvent(QuarantineMapper.unmapped(machine, reading, sourceSystem),
                sourceSystem, sourceSystem, URI.create("http://vendor.invalid/fleet/Fleet/1"), "test", firstSeen);
        quarantine.tryPublish(List.of(entry)).orElseThrow().get(30, TimeUnit.SECONDS);
        return entry;
    }

    /** Exactly {@code expected} records of the topic are {@code mine}, in the order they were written. */
    private static List<GenericRecord> recordsOf(String topic,
            Predicate<ConsumerRecord<String, GenericRecord>> isMine, int expected) {
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<GenericRecord> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (isMine.test(record)) {
                        mine.add(record.value());
                    }
                });
            }
            // One more poll, so a duplicate published right after the expected records is seen.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
                if (isMine.test(record)) {
                    mine.add(record.value());
                }
            });
            assertThat(mine).as("records of %s", topic).hasSize(expected);
            return mine;
        }
    }
}
