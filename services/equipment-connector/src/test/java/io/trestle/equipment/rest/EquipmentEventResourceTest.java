package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.service.PushBatches;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class EquipmentEventResourceTest {

    private static final String KEY = "test-key";
    private static final Instant EARLIER = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    @Inject
    InMemoryMachineResolver resolver;

    /** One push endpoint: where it is, where its events go, and a valid and an invalid item of it. */
    record Endpoint(String path, TrestleTopic topic, String type, BiFunction<String, String, Map<String, Object>> valid,
            String invalidField, Map<String, Object> invalidating) {

        Map<String, Object> invalid(String asset, String eventId) {
            Map<String, Object> item = new HashMap<>(valid.apply(asset, eventId));
            item.putAll(invalidating);
            return item;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("/api/v1/faults", TrestleTopic.EQUIPMENT_FAULT, "fault",
                        EquipmentEventResourceTest::fault, "fmi", Map.of("fmi", 32)),
                new Endpoint("/api/v1/work-orders", TrestleTopic.EQUIPMENT_WORK_ORDER, "work order",
                        EquipmentEventResourceTest::workOrder, "closedAt", Map.of("change", "CLOSED", "status",
                                "DONE")),
                new Endpoint("/api/v1/reservations", TrestleTopic.EQUIPMENT_RESERVATION, "reservation",
                        EquipmentEventResourceTest::reservation, "reservedTo",
                        Map.of("reservedTo", EARLIER.minus(Duration.ofDays(1)).toString())),
                new Endpoint("/api/v1/availability", TrestleTopic.EQUIPMENT_AVAILABILITY, "availability change",
                        EquipmentEventResourceTest::availability, "state", Map.of("state", "BROKEN")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void resendingAnItemPublishesItAgainWithTheSameEventId(Endpoint endpoint) {
        String asset = "EX-" + UUID.randomUUID();
        String expectedId = PushBatches.eventId("push:test", endpoint.type(), "e-1").toString();
        Map<String, Object> batch = Map.of("items", List.of(endpoint.valid().apply(asset, "e-1")));

        for (int attempt = 0; attempt < 2; attempt++) {
            post(endpoint.path(), batch).statusCode(202)
                    .body("accepted", equalTo(1))
                    .body("eventIds[0]", equalTo(expectedId));
        }

        assertThat(published(endpoint.topic(), asset, 2)).extracting(r -> field(r, "metadata", "eventId"))
                .containsExactly(expectedId, expectedId);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void refusesAnInvalidBatchWholeNamingItemAndFieldAndPublishesNothingOfIt(Endpoint endpoint) {
        String asset = "EX-" + UUID.randomUUID();
        post(endpoint.path(), Map.of("items", List.of(endpoint.valid().apply(asset, "ok-1"),
                endpoint.invalid(asset, "bad-1"))))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].item", equalTo(1))
                .body("violations[0].itemId", equalTo("bad-1"))
                .body("violations[0].field", equalTo("items[1]." + endpoint.invalidField()));

        // A later valid item of the same asset is the first and only one published for it.
        String acceptedId = post(endpoint.path(), Map.of("items", List.of(endpoint.valid().apply(asset, "after"))))
                .statusCode(202).extract().path("eventIds[0]");
        assertThat(published(endpoint.topic(), asset, 1)).extracting(r -> field(r, "metadata", "eventId"))
                .containsExactly(acceptedId);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void refusesRequestsWithoutAnApiKey(Endpoint endpoint) {
        given().contentType(ContentType.JSON).body(Map.of("items", List.of(endpoint.valid().apply("EX-1", "e-1"))))
                .when().post(endpoint.path())
                .then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Missing API key"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void publishesAnItemNamingAMappedMachineUnderItsAssetWithTheMachinesIdsInTheMetadata(Endpoint endpoint) {
        String asset = "EX-" + UUID.randomUUID();
        String pin = "PIN-" + UUID.randomUUID();
        resolver.map("push:test", pin, asset);
        String expectedId = PushBatches.eventId("push:test", endpoint.type(), "m-1").toString();

        post(endpoint.path(), Map.of("items", List.of(byMachine(endpoint.valid().apply(asset, "m-1"), pin))))
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("quarantined", equalTo(0))
                .body("eventIds", contains(expectedId))
                .body("items[0].outcome", equalTo("ACCEPTED"))
                .body("items[0].assetId", equalTo(asset));

        GenericRecord event = published(endpoint.topic(), asset, 1).get(0);
        assertThat(field(event, "metadata", "eventId")).isEqualTo(expectedId);
        List<?> resolvedFrom = (List<?>) ((GenericRecord) event.get("metadata")).get("resolvedFrom");
        assertThat(resolvedFrom).extracting(id -> ((GenericRecord) id).get("system") + "|"
                + ((GenericRecord) id).get("entityType") + "|" + ((GenericRecord) id).get("value"))
                .containsExactly("push:test|equipment|" + pin, "push:test|equipment|SN-" + pin);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void quarantinesAnItemOfAnUnknownMachineAndTheReplayPublishesItOnceMappedWithItsEventId(Endpoint endpoint) {
        String asset = "EX-" + UUID.randomUUID();
        String pin = "PIN-" + UUID.randomUUID();
        String callerId = "q-" + UUID.randomUUID();
        String expectedId = PushBatches.eventId("push:test", endpoint.type(), callerId).toString();

        String quarantineId = post(endpoint.path(),
                Map.of("items", List.of(byMachine(endpoint.valid().apply(asset, callerId), pin))))
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("quarantined", equalTo(1))
                .body("eventIds", hasSize(0))
                .body("items[0].outcome", equalTo("QUARANTINED"))
                .body("items[0].itemId", equalTo(callerId))
                .body("items[0].eventId", equalTo(expectedId))
                .body("items[0].reasonCode", equalTo("UNMAPPED_EXTERNAL_ID"))
                .extract().path("items[0].quarantineId");

        GenericRecord entry = quarantineEntry(quarantineId);
        assertThat(entry.get("reasonCode")).hasToString("UNMAPPED_EXTERNAL_ID");
        assertThat(entry.get("sourceEndpoint")).hasToString(endpoint.path());
        assertThat(field(entry, "metadata", "sourceSystem")).isEqualTo("push:test");
        assertThat(entry.get("payloadText").toString()).contains(callerId).contains(pin);
        assertThat((List<?>) entry.get("unresolvedIds")).extracting(id -> ((GenericRecord) id).get("value").toString())
                .containsExactly(pin, "SN-" + pin);

        resolver.map("push:test", pin, asset);
        List<Map<String, Object>> replayed = given().header(ApiKeyFilter.HEADER, KEY)
                .queryParam("system", "push:test").when().post("/api/v1/quarantine/replay")
                .then().statusCode(200).extract().path("replayedEntries");

        assertThat(replayed).filteredOn(item -> quarantineId.equals(item.get("entryId"))).singleElement()
                .satisfies(item -> {
                    assertThat(item).containsEntry("eventId", expectedId).containsEntry("assetId", asset)
                            .containsEntry("kind", endpoint.type()).containsEntry("itemId", callerId);
                });
        // Exactly one: the push itself published nothing of the item.
        GenericRecord event = published(endpoint.topic(), asset, 1).get(0);
        assertThat(field(event, "metadata", "eventId")).isEqualTo(expectedId);
        assertThat(field(event, "metadata", "sourceSystem")).isEqualTo("push:test");
    }

    @Test
    void answers503WithRetryAfterForItemsNamingMachinesWhileTheCrosswalkIsNotRead() {
        String asset = "EX-" + UUID.randomUUID();
        resolver.ready(false);
        try {
            post("/api/v1/faults", Map.of("items", List.of(byMachine(fault(asset, "n-1"), "PIN-" + asset))))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "10")
                    .body("type", equalTo("https://trestle.dev/problems/crosswalk-not-ready"));
            post("/api/v1/faults", Map.of("items", List.of(fault(asset, "n-2")))).statusCode(202);
        } finally {
            resolver.ready(true);
        }
        assertThat(published(TrestleTopic.EQUIPMENT_FAULT, asset, 1)).extracting(r -> field(r, "metadata",
                "sourceRecordId")).containsExactly("n-2");
    }

    @Test
    void refusesAnItemWithBothAssetAndMachineOrAMachineWithoutPinAndSerialWhole() {
        Map<String, Object> both = new HashMap<>(fault("EX-1", "both"));
        both.put("machine", Map.of("pin", "PIN-1"));
        Map<String, Object> labelOnly = byMachine(fault("EX-1", "label"), "unused");
        labelOnly.put("machine", Map.of("oemName", "Acme", "equipmentId", "Unit 7"));

        post("/api/v1/faults", Map.of("items", List.of(both, labelOnly))).statusCode(422)
                .body("violations.field", contains("items[0].machine", "items[1].machine"))
                .body("violations.itemId", contains("both", "label"));
    }

    @Test
    void publishesFaultsWithTheirJ1939CodeSeverityAndBreakdown() {
        String asset = "EX-" + UUID.randomUUID();
        Map<String, Object> cleared = new HashMap<>(fault(asset, "f-2"));
        cleared.putAll(Map.of("faultId", "OEM-77", "code", "E042", "state", "cleared", "clearedAt",
                EARLIER.plusSeconds(600).toString()));
        cleared.remove("spn");
        cleared.remove("fmi");

        String correlationId = post("/api/v1/faults", Map.of("items", List.of(fault(asset, "f-1"), cleared)))
                .statusCode(202).extract().path("correlationId");

        List<GenericRecord> events = published(TrestleTopic.EQUIPMENT_FAULT, asset, 2);
        GenericRecord raised = events.get(0);
        assertThat(raised.get("code")).hasToString("1569-31");
        assertThat(raised.get("spn")).isEqualTo(1569);
        assertThat(raised.get("fmi")).isEqualTo(31);
        assertThat(raised.get("severity")).hasToString("HIGH");
        assertThat(raised.get("state")).hasToString("ACTIVE");
        assertThat(raised.get("breakdown")).isEqualTo(true);
        assertThat(raised.get("detectedAt")).isEqualTo(EARLIER.toEpochMilli());
        assertThat(raised.get("faultId").toString()).hasSize(36);
        assertThat(field(raised, "metadata", "sourceSystem")).isEqualTo("push:test");
        assertThat(field(raised, "metadata", "correlationId")).isEqualTo(correlationId);
        GenericRecord clearing = events.get(1);
        assertThat(clearing.get("faultId")).hasToString("OEM-77");
        assertThat(clearing.get("state")).hasToString("CLEARED");
        assertThat(clearing.get("clearedAt")).isEqualTo(EARLIER.plusSeconds(600).toEpochMilli());
        assertThat(field(clearing, "metadata", "occurredAt")).isEqualTo(
                String.valueOf(EARLIER.plusSeconds(600).toEpochMilli()));
    }

    @Test
    void publishesTheFullStateOfAClosedWorkOrderWithItsDowntimeAndParts() {
        String asset = "EX-" + UUID.randomUUID();
        Map<String, Object> closed = new HashMap<>(workOrder(asset, "w-1"));
        closed.putAll(Map.of("change", "CLOSED", "status", "DONE", "closedAt", EARLIER.plusSeconds(7200).toString(),
                "downtimeEnd", EARLIER.plusSeconds(7200).toString(), "downtimeHours", 2.0,
                "partsNeeded", List.of(Map.of("partNumber", "SEAL-KIT-9", "quantity", 2, "unitOfMeasure", "Units"))));

        post("/api/v1/work-orders", Map.of("items", List.of(closed))).statusCode(202);

        GenericRecord event = published(TrestleTopic.EQUIPMENT_WORK_ORDER, asset, 1).get(0);
        assertThat(event.get("workOrderId")).hasToString("push:test:WO-" + asset);
        assertThat(event.get("change")).hasToString("CLOSED");
        assertThat(event.get("status")).hasToString("DONE");
        assertThat(event.get("maintenanceType")).hasToString("CORRECTIVE");
        assertThat(event.get("title")).hasToString("Replace boom cylinder seal");
        assertThat(event.get("downtimeStart")).isEqualTo(EARLIER.toEpochMilli());
        assertThat(event.get("downtimeEnd")).isEqualTo(EARLIER.plusSeconds(7200).toEpochMilli());
        assertThat(event.get("downtimeHours")).isEqualTo(2.0);
        assertThat(event.get("closedAt")).isEqualTo(EARLIER.plusSeconds(7200).toEpochMilli());
        assertThat(field(event, "metadata", "sourceRecordId")).isEqualTo("WO-" + asset);
        GenericRecord part = (GenericRecord) ((List<?>) event.get("partsNeeded")).get(0);
        assertThat(part.get("partNumber")).hasToString("SEAL-KIT-9");
        assertThat(part.get("quantity")).isEqualTo(2.0);
    }

    @Test
    void publishesReservationsAndAvailabilityKeyedByAsset() {
        String asset = "EX-" + UUID.randomUUID();
        post("/api/v1/reservations", Map.of("items", List.of(reservation(asset, "r-1")))).statusCode(202);
        post("/api/v1/availability", Map.of("items", List.of(availability(asset, "a-1")))).statusCode(202);

        GenericRecord reservation = published(TrestleTopic.EQUIPMENT_RESERVATION, asset, 1).get(0);
        assertThat(reservation.get("reservationId")).hasToString("push:test:R-" + asset);
        assertThat(reservation.get("projectId")).hasToString("P-100");
        assertThat(reservation.get("taskId")).hasToString("T-7");
        assertThat(reservation.get("reservedFrom")).isEqualTo(EARLIER.toEpochMilli());
        assertThat(reservation.get("reservedTo")).isEqualTo(EARLIER.plus(Duration.ofDays(5)).toEpochMilli());
        assertThat(reservation.get("status")).hasToString("CONFIRMED");
        GenericRecord availability = published(TrestleTopic.EQUIPMENT_AVAILABILITY, asset, 1).get(0);
        assertThat(availability.get("state")).hasToString("IN_MAINTENANCE");
        assertThat(availability.get("effectiveFrom")).isEqualTo(EARLIER.toEpochMilli());
        assertThat(availability.get("workOrderId")).hasToString("push:test:WO-" + asset);
        assertThat(availability.get("reason")).hasToString("Seal replacement");
    }

    @Test
    void theOpenApiDocumentListsEveryPushEndpoint() {
        ValidatableResponse document = given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200);
        for (String path : endpoints().map(Endpoint::path).toList()) {
            document.body("paths", hasKey(path));
        }
        document.body("paths.'/api/v1/faults'.post.responses", hasKey("422"))
                .body("paths.'/api/v1/faults'.post.responses.'202'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Accepted"))
                .body("paths.'/api/v1/faults'.post.responses.'503'.description", containsString("crosswalk"))
                .body("paths.'/api/v1/faults'.post.parameters.name", hasItem("X-Trestle-Signature"))
                .body("components.schemas.FaultItem.properties", hasKey("machine"))
                .body("components.schemas.FaultItem.properties.machine.description", containsString("push:<client>"))
                .body("components.schemas.Accepted.properties", hasKey("items"));
    }

    /** The item naming its machine (PIN, a serial number derived from it, make) instead of its asset. */
    private static Map<String, Object> byMachine(Map<String, Object> item, String pin) {
        Map<String, Object> named = new HashMap<>(item);
        named.remove("assetId");
        named.put("machine", Map.of("pin", pin, "serialNumber", "SN-" + pin, "oemName", "Acme", "model", "RX 60"));
        return named;
    }

    /** The quarantine entry of the given id, as the broker holds it. */
    private static GenericRecord quarantineEntry(String entryId) {
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(TrestleTopic.INTEGRATION_QUARANTINE.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(250))) {
                    if (entryId.equals(field(record.value(), "metadata", "eventId"))) {
                        return record.value();
                    }
                }
            }
            throw new AssertionError("no quarantine entry " + entryId);
        }
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY).body(body)
                .when().post(path).then();
    }

    private static Map<String, Object> fault(String asset, String eventId) {
        return Map.of("eventId", eventId, "assetId", asset, "spn", 1569, "fmi", 31, "codeSource", "J1939",
                "severity", "high", "source", "TELEMATICS", "state", "ACTIVE", "breakdown", true,
                "detectedAt", EARLIER.toString());
    }

    private static Map<String, Object> workOrder(String asset, String eventId) {
        return Map.of("eventId", eventId, "workOrderId", "WO-" + asset, "assetId", asset, "change", "OPENED",
                "status", "OPEN", "changedAt", EARLIER.plusSeconds(60).toString(), "maintenanceType", "CORRECTIVE",
                "title", "Replace boom cylinder seal", "downtimeStart", EARLIER.toString());
    }

    private static Map<String, Object> reservation(String asset, String eventId) {
        return Map.of("eventId", eventId, "reservationId", "R-" + asset, "assetId", asset, "projectId", "P-100",
                "taskId", "T-7", "reservedFrom", EARLIER.toString(), "reservedTo",
                EARLIER.plus(Duration.ofDays(5)).toString(), "status", "CONFIRMED", "changedAt", EARLIER.toString());
    }

    private static Map<String, Object> availability(String asset, String eventId) {
        return Map.of("eventId", eventId, "assetId", asset, "state", "IN_MAINTENANCE", "effectiveFrom",
                EARLIER.toString(), "reason", "Seal replacement", "workOrderId", "WO-" + asset);
    }

    /** Events published for the asset in the order published, ignoring other tests' assets on the same topic. */
    private static List<GenericRecord> published(TrestleTopic topic, String asset, int expected) {
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic.topicName()));
            List<ConsumerRecord<String, GenericRecord>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Keeps polling briefly after the expected count, so an event published too many is seen too.
            long settle = Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < deadline && (mine.size() < expected || settle > 0)) {
                long before = System.nanoTime();
                consumer.poll(Duration.ofMillis(250)).forEach(record -> {
                    if (asset.equals(record.key())) {
                        assertThat(record.value().get("assetId")).hasToString(asset);
                        mine.add(record);
                    }
                });
                if (mine.size() >= expected) {
                    settle -= System.nanoTime() - before;
                }
            }
            assertThat(mine).as("events published for %s on %s", asset, topic.topicName()).hasSize(expected);
            return mine.stream().map(ConsumerRecord::value).toList();
        }
    }

    private static String field(GenericRecord record, String nested, String name) {
        Object value = ((GenericRecord) record.get(nested)).get(name);
        return value == null ? null : value.toString();
    }
}
