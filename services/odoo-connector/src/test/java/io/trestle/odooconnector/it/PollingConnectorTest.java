package io.trestle.odooconnector.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.schema.topic.TopicNames;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * The whole connector in polling mode: Odoo's records reach the compacted master-data topics as canonical snapshots,
 * with the crosswalk entries they imply, against the real broker and the registry and Odoo stand-ins.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(SeededOdooResource.class)
class PollingConnectorTest {

    @Test
    void odoosProjectsAndEquipmentArePublishedWithTheSerialNumberCrosswalkAndTheServiceReportsReady() {
        Map<String, GenericRecord> latest = new HashMap<>();
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("connector-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(TopicNames.MASTER_PROJECT, TopicNames.MASTER_EQUIPMENT_ASSET,
                    TopicNames.MASTER_CROSSWALK));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.topic() + "|" + record.key(), record.value());
                }
                return latest.containsKey(TopicNames.MASTER_CROSSWALK + "|odoo|equipment-serial|"
                        + SeededOdooResource.SERIAL)
                        && latest.values().stream().anyMatch(value -> value != null && value.getSchema().getName()
                                .equals("ProjectSnapshot")
                                && SeededOdooResource.PROJECT.equals(String.valueOf(value.get("name"))));
            });
        }

        GenericRecord serial = latest.get(TopicNames.MASTER_CROSSWALK + "|odoo|equipment-serial|"
                + SeededOdooResource.SERIAL);
        GenericRecord asset = latest.get(TopicNames.MASTER_EQUIPMENT_ASSET + "|" + serial.get("canonicalId"));
        assertThat(asset.get("name")).hasToString("Excavator CAT 320 #7");
        assertThat(asset.get("active")).isEqualTo(true);
        assertThat(((GenericRecord) asset.get("metadata")).get("sourceSystem")).hasToString("odoo");
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'odoo-connector' }.data.state", equalTo("POLLING"))
                .body("checks.find { it.name == 'odoo-connector' }.data.mode", equalTo("POLLING"));
    }
}
