package io.trestle.odoosink.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoosink.TestPostings;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.quarkus.TrestleTestResource;

/** The sink against the real broker, the registry stand-in and the Odoo stand-in. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(OdooStandInResource.class)
class CostPostingSinkTest {

    private static final String MODEL = "account.analytic.line";
    private static final Duration PATIENCE = SinkTopics.PATIENCE;

    @InjectOdoo
    OdooStandIn odoo;

    @ConfigProperty(name = "trestle.test.site-account-id")
    String siteAccountId;

    @Test
    void aPostingDeliveredTwiceCreatesOneLine() {
        CostPosting posting = posting(siteAccountId, "23.75");

        send(posting);
        send(posting);

        assertThat(SinkTopics.awaitOutcomes(posting.getPostingId(), 2))
                .extracting(outcome -> outcome.get("status").toString())
                .containsOnly("POSTED");
        assertThat(linesFor(posting)).singleElement().satisfies(line -> {
            assertThat(line.get("amount")).isEqualTo(-23.75);
            assertThat(line.get("unit_amount")).isEqualTo(0.25);
        });
    }

    @Test
    void anOdooOutageOfTensOfSecondsEndsWithEveryPostingWrittenExactlyOnce() {
        List<CostPosting> before = postings(5);
        before.forEach(this::send);
        await().atMost(PATIENCE).until(() -> before.stream().allMatch(p -> linesFor(p).size() == 1));

        odoo.faults().refuseConnections(Duration.ofSeconds(20));
        List<CostPosting> during = postings(15);
        during.forEach(this::send);

        await().atMost(PATIENCE).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'odoo-sink' }.data.state", equalTo("WAITING_FOR_ODOO"))
                .body("checks.find { it.name == 'odoo' }.data.errorClass", equalTo("TRANSIENT")));
        await().atMost(PATIENCE).until(() -> during.stream().allMatch(p -> linesFor(p).size() == 1));
        assertThat(before).allSatisfy(p -> assertThat(linesFor(p)).hasSize(1));
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aPoisonRowGoesToTheDeadLetterTopicWhileItsNeighboursAreWritten() {
        CostPosting left = posting(siteAccountId, "10.00");
        CostPosting poison = posting("987654321", "11.00"); // no such analytic account in Odoo
        CostPosting right = posting(siteAccountId, "12.00");

        List.of(left, poison, right).forEach(this::send);

        await().atMost(PATIENCE).until(() -> linesFor(left).size() == 1 && linesFor(right).size() == 1);
        GenericRecord deadLetter = SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_QUARANTINE.topicName(),
                record -> poison.getPostingId().equals(String.valueOf(
                        ((GenericRecord) record.get("metadata")).get("sourceRecordId"))));
        assertThat(deadLetter.get("reasonCode")).hasToString("ODOO_REJECTED");
        assertThat(deadLetter.get("detectedBy")).hasToString("odoo-sink");
        assertThat(deadLetter.get("sourceTopic")).hasToString(TrestleTopic.COST_POSTING.topicName());
        assertThat(linesFor(poison)).isEmpty();
        GenericRecord rejected = SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_SINK_OUTCOME.topicName(),
                record -> poison.getPostingId().equals(record.get("requestId").toString())
                        && record.get("status").toString().equals("REJECTED"));
        assertThat(rejected.get("errorClass")).hasToString("BUSINESS");
    }

    private CostPosting posting(String costCodeId, String amount) {
        return TestPostings.posting(UUID.randomUUID().toString(), costCodeId, "EX-" + UUID.randomUUID(), amount);
    }

    private List<CostPosting> postings(int count) {
        List<CostPosting> postings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            postings.add(posting(siteAccountId, "1" + i + ".00"));
        }
        return postings;
    }

    private void send(CostPosting posting) {
        SinkTopics.send(TrestleTopic.COST_POSTING.topicName(), posting.getAssetId(), posting);
    }

    private List<Map<String, Object>> linesFor(CostPosting posting) {
        return odoo.records(MODEL).stream().filter(line -> posting.getPostingId().equals(line.get("ref"))).toList();
    }
}
