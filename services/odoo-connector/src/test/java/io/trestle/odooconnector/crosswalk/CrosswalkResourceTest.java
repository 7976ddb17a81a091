package io.trestle.odooconnector.crosswalk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trestle.odooconnector.it.SeededOdooResource;
import io.trestle.schema.topic.TopicNames;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

/** The crosswalk API against the real broker and the registry stand-in. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(SeededOdooResource.class)
class CrosswalkResourceTest {

    private static final String KEY = "test-crosswalk-key";

    @Test
    void aSavedMappingIsOnTheCompactedTopicBeforeTheAnswerAndAWithdrawalDeactivatesIt() {
        String pin = "CAT0320" + UUID.randomUUID();
        String path = "/api/v1/crosswalk/aemp:trackunit/equipment/" + pin;

        given().header("X-Api-Key", KEY).contentType(ContentType.JSON)
                .body("{\"canonicalType\":\"equipment\",\"canonicalId\":\"17\"}")
                .when().put(path)
                .then().statusCode(200)
                .body("canonicalId", equalTo("17"))
                .body("active", equalTo(true))
                .body("changedBy", equalTo("api:planning-office"));
        given().header("X-Api-Key", KEY).when().delete(path).then().statusCode(200).body("active", equalTo(false));

        List<GenericRecord> entries = entries("aemp:trackunit|equipment|" + pin, 2);
        assertThat(entries).extracting(entry -> entry.get("active")).containsExactly(true, false);
        assertThat(entries.get(0).get("canonicalType")).hasToString("equipment");
        assertThat(((GenericRecord) entries.get(0).get("external")).get("value")).hasToString(pin);
    }

    @Test
    void aMappingWithoutAKnownCanonicalTypeOrIdIsRefusedNamingTheFields() {
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON)
                .body("{\"canonicalType\":\"excavator\",\"canonicalId\":\" \"}")
                .when().put("/api/v1/crosswalk/p6/project/P-1001")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("canonicalType", "canonicalId"));
    }

    @Test
    void aRequestWithoutAKnownKeyIsRefused() {
        given().contentType(ContentType.JSON).body("{\"canonicalType\":\"project\",\"canonicalId\":\"42\"}")
                .when().put("/api/v1/crosswalk/p6/project/P-1001")
                .then().statusCode(401);
        given().header("X-Api-Key", "not-a-key").when().delete("/api/v1/crosswalk/p6/project/P-1001")
                .then().statusCode(401);
    }

    private static List<GenericRecord> entries(String key, int count) {
        List<GenericRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("crosswalk-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(TopicNames.MASTER_CROSSWALK));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record.value());
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }
}
