package io.trestle.odoosink.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoosink.TestPostings;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.quarkus.TrestleTestResource;

/** A key Odoo refuses is a configuration error for a person: reported in health, not retried forever. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(value = OdooStandInResource.class, initArgs = @ResourceArg(name = "api-key", value = "not-the-key"))
class RefusedCredentialsTest {

    @InjectOdoo
    OdooStandIn odoo;

    @Test
    void aRefusedApiKeyStopsTheSinkWithAReasonInsteadOfRetryingForever() {
        CostPosting posting = TestPostings.posting(UUID.randomUUID().toString(), "1", "EX-1", "5.00");
        SinkTopics.send(TrestleTopic.COST_POSTING.topicName(), "EX-1", posting);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'odoo-sink' }.data.state", equalTo("FAILED"))
                .body("checks.find { it.name == 'odoo-sink' }.data.lastError", containsString("AUTHENTICATION"))
                .body("checks.find { it.name == 'odoo' }.data.errorClass", equalTo("AUTHENTICATION")));
        long callsWhenFailed = odoo.callCount("account.analytic.line", "load");
        given().when().get("/q/health/ready").then().statusCode(503);

        assertThat(odoo.callCount("account.analytic.line", "load")).as("no further attempts once failed")
                .isEqualTo(callsWhenFailed);
        assertThat(odoo.records("account.analytic.line"))
                .noneMatch(line -> posting.getPostingId().equals(line.get("ref")));
    }
}
