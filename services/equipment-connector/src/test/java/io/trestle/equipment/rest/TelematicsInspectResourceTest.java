package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.service.QuarantineMapper;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class TelematicsInspectResourceTest {

    private static final String KEY = "test-key";
    private static final String PATH = "/api/v1/telematics/inspect";
    private static final String LOADER = "RXL40000000000001";
    private static final String HAULER = "CAT0745C3T600123";
    private static final String UNKNOWN = "RXS20000000000099";
    private static final String LOADER_ASSET = "EX-LOADER-INSPECT";
    private static final String HAULER_ASSET = "EX-HAULER-INSPECT";

    @Inject
    InMemoryMachineResolver resolver;

    @BeforeEach
    void mapTheKnownMachines() {
        resolver.map(LOADER, LOADER_ASSET).map(HAULER, HAULER_ASSET).ready(true);
    }

    @Test
    void readingsOfAKnownMachineAreShownAsTheCanonicalReadingsPollingWouldPublish() {
        JsonPath answer = inspect("polling/fleet-page-1.json", "application/json", null).then().statusCode(200)
                .contentType("application/json")
                .body("published", equalTo(false))
                .body("vendor", nullValue())
                .body("system", equalTo("aemp:inspect"))
                .body("notes[0]", equalTo("No vendor profile named: machines were resolved under crosswalk system "
                        + "aemp:inspect. Add ?vendor=<profile> to resolve them as that vendor's polling does."))
                .body("snapshotTime", equalTo("2024-03-04T10:30:00Z"))
                .body("links.next", equalTo("/fleet-42/Fleet/2"))
                .body("links.last", equalTo("/fleet-42/Fleet/2"))
                .body("counts.machines", equalTo(2))
                .body("counts.unresolvedMachines", equalTo(1))
                .body("counts.readings", equalTo(3))
                .body("counts.toPublish", equalTo(2))
                .body("counts.toQuarantine", equalTo(1))
                .extract().jsonPath();

        assertThat(answer.getString("machines[0].identity.pin")).isEqualTo(LOADER);
        assertThat(answer.getString("machines[0].assetId")).isEqualTo(LOADER_ASSET);
        assertThat(answer.getList("machines[0].readings.decision")).containsExactly("PUBLISH", "PUBLISH");
        Map<String, Object> hours = answer.getMap("machines[0].readings[0].canonical");
        assertThat(hours).containsEntry("assetId", LOADER_ASSET).containsEntry("readingTime", "2024-03-04T10:14:00Z")
                .containsEntry("cumulativeOperatingHours", 1204.5f).containsEntry("location", null);
        String readingId = answer.getString("machines[0].readings[0].readingId");
        assertThat(answer.getString("machines[0].readings[0].canonical.metadata.sourceRecordId"))
                .isEqualTo(readingId);
        assertThat(answer.getString("machines[0].readings[0].canonical.metadata.sourceSystem"))
                .isEqualTo("aemp:inspect");
        assertThat(answer.getString("machines[0].readings[0].canonical.metadata.eventId"))
                .isEqualTo(TelemetryMapper.eventId("aemp:inspect", readingId).toString());
        assertThat(answer.getFloat("machines[0].readings[1].canonical.location.latitude")).isEqualTo(48.1f);
        assertThat(answer.getString("machines[0].readings[1].canonical.readingTime"))
                .isEqualTo("2024-03-04T10:15:00Z");
    }

    @Test
    void readingOfAnUnknownMachineIsShownAsTheUnmappedQuarantineEntryWithItsIds() {
        JsonPath answer = inspect("polling/fleet-page-1.json", "application/json", null).then().statusCode(200)
                .extract().jsonPath();

        assertThat(answer.getString("machines[1].identity.pin")).isEqualTo(UNKNOWN);
        assertThat(answer.getString("machines[1].assetId")).isNull();
        assertThat(answer.getList("machines[1].readings")).hasSize(1);
        String readingId = answer.getString("machines[1].readings[0].readingId");
        assertThat(answer.getString("machines[1].readings[0].decision")).isEqualTo("QUARANTINE");
        assertThat(answer.getMap("machines[1].readings[0]")).doesNotContainKey("canonical");
        assertThat(answer.getString("machines[1].readings[0].quarantine.reasonCode"))
                .isEqualTo("UNMAPPED_EXTERNAL_ID");
        assertThat(answer.getString("machines[1].readings[0].quarantine.message"))
                .contains("PIN " + UNKNOWN, "aemp:inspect");
        assertThat(answer.getString("machines[1].readings[0].quarantine.pointer")).isNull();
        assertThat(answer.getList("machines[1].readings[0].quarantine.unresolvedIds"))
                .containsExactly(Map.of("system", "aemp:inspect", "entityType", "equipment", "value", UNKNOWN));
        assertThat(answer.getString("machines[1].readings[0].quarantine.eventId")).isEqualTo(
                QuarantineMapper.eventId("aemp:inspect", readingId, "UNMAPPED_EXTERNAL_ID").toString());
        assertThat(answer.getFloat("machines[1].readings[0].quarantine.payload.reading.cumulativeOperatingHours"))
                .isEqualTo(77.0f);
    }

    @Test
    void negativeHourMeterIsShownAsANegativeValueEntryPointingAtTheField() {
        JsonPath answer = inspect("polling/fleet-page-1-negative-hours.json", "application/json", null).then()
                .statusCode(200).body("counts.toPublish", equalTo(1)).body("counts.toQuarantine", equalTo(2))
                .extract().jsonPath();

        assertThat(answer.getList("machines[0].readings.decision")).containsExactly("QUARANTINE", "PUBLISH");
        assertThat(answer.getString("machines[0].readings[0].quarantine.reasonCode")).isEqualTo("NEGATIVE_VALUE");
        assertThat(answer.getString("machines[0].readings[0].quarantine.message"))
                .isEqualTo("cumulativeOperatingHours must be between 0 and 1000000, was -12.5");
        String pointer = answer.getString("machines[0].readings[0].quarantine.pointer");
        assertThat(pointer).isEqualTo("/reading/cumulativeOperatingHours");
        assertThat(answer.getFloat("machines[0].readings[0].quarantine.payload" + pointer.replace('/', '.')))
                .isEqualTo(-12.5f);
        assertThat(answer.getList("machines[0].readings[0].quarantine.unresolvedIds")).isEmpty();
    }

    @Test
    void xmlPageIsReadAndResolvedUnderTheNamedVendorProfilesSystem() {
        inspect("polling/fleet-page-2.xml", "application/xml", "onboarding").then().statusCode(200)
                .body("vendor", equalTo("onboarding"))
                .body("system", equalTo("aemp:onboarding-fleet"))
                .body("sourceSystem", equalTo("aemp:onboarding"))
                .body("notes", hasSize(1))
                .body("links.next", nullValue())
                .body("machines.identity.serialNumber", contains("3T600123"))
                .body("machines[0].assetId", equalTo(HAULER_ASSET))
                .body("machines[0].readings[0].decision", equalTo("PUBLISH"))
                .body("machines[0].readings[0].canonical.cumulativeOperatingHours", equalTo(6021.4f))
                .body("machines[0].readings[0].canonical.metadata.sourceSystem", equalTo("aemp:onboarding"));
    }

    @Test
    void unknownVendorProfileIsAProblemNamingIt() {
        inspect("polling/fleet-page-1.json", "application/json", "nobody").then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unknown vendor profile"))
                .body("detail", equalTo("No vendor profile 'nobody' is configured; configured are [onboarding]."))
                .body("violations[0].field", equalTo("vendor"));
    }

    @Test
    void malformedJsonIsAProblemSayingWhereTheParserStopped() {
        inspect("malformed-truncated.json", "application/json", null).then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unreadable fleet page"))
                .body("detail", equalTo("invalid JSON: Unexpected end-of-input within/between Array entries "
                        + "(at JSON line 8, column 1)"))
                .body("violations[0].field", equalTo("JSON line 8, column 1"));
    }

    @Test
    void contentTypeOtherThanJsonOrXmlIsRefusedAs415() {
        given().header(ApiKeyFilter.HEADER, KEY).contentType("text/csv").body("PIN,hours\nRXL1,10\n")
                .when().post(PATH)
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("Send the page with the content type the vendor sends: a JSON or XML type, "
                        + "e.g. application/json or application/xml; got 'text/csv; charset=ISO-8859-1'."));
    }

    @Test
    void answers503UntilTheCrosswalkIsRead() {
        resolver.ready(false);
        try {
            inspect("polling/fleet-page-1.json", "application/json", null).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "10");
        } finally {
            resolver.ready(true);
        }
    }

    @Test
    void requestsWithoutAnApiKeyAreRefused() {
        given().contentType("application/json").body(fixture("polling/fleet-page-1.json"))
                .when().post(PATH)
                .then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Missing API key"));
    }

    @Test
    void publishesNothingToTheTelemetryOrTheQuarantineTopic() {
        List<String> topics = List.of(TrestleTopic.EQUIPMENT_TELEMETRY.topicName(),
                TrestleTopic.INTEGRATION_QUARANTINE.topicName());
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("inspect-" + UUID.randomUUID())) {
            Map<String, Long> before = endOffsets(consumer, topics);

            inspect("polling/fleet-page-1.json", "application/json", null).then().statusCode(200);
            inspect("polling/fleet-page-1-negative-hours.json", "application/json", "onboarding").then()
                    .statusCode(200);
            inspect("polling/fleet-page-2.xml", "text/xml", null).then().statusCode(200);

            assertThat(endOffsets(consumer, topics)).isEqualTo(before);
        }
    }

    /** The records each topic ever received, summed over its partitions; 0 for a topic not created yet. */
    private static Map<String, Long> endOffsets(KafkaConsumer<String, GenericRecord> consumer, List<String> topics) {
        return topics.stream().collect(Collectors.toMap(topic -> topic, topic -> {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }));
    }

    private static Response inspect(String fixture, String contentType, String vendor) {
        RequestSpecification request = given().header(ApiKeyFilter.HEADER, KEY).contentType(contentType)
                .body(fixture(fixture));
        if (vendor != null) {
            request.queryParam("vendor", vendor);
        }
        return request.when().post(PATH);
    }

    private static String fixture(String name) {
        try (InputStream in = TelematicsInspectResourceTest.class.getResourceAsStream("/aemp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
