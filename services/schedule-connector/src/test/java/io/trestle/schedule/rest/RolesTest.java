package io.trestle.schedule.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.AuthenticationMetrics;
import io.trestle.schedule.fixtures.SchedulesTestResource;

/**
 * Roles over HTTP: the test profile makes {@code dashboard} read-only; the uploading clients are not listed and keep
 * the default write (application.properties).
 */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
class RolesTest {

    private static final String READ_ONLY_KEY = "dashboard-key";

    @Inject
    MeterRegistry registry;

    @Test
    void aReadOnlyKeyListsDraftsButIsRefusedEveryChange() {
        double before = count();

        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().get("/api/v1/schedules/drafts")
                .then().statusCode(200);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().get("/api/v1/schedules/drafts/no-such-draft")
                .then().statusCode(404);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().post("/api/v1/schedules/drafts/no-such-draft/publish")
                .then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Insufficient role"))
                .body("detail", containsString("needs the write role; client 'dashboard' has only read"));
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().delete("/api/v1/schedules/drafts/no-such-draft")
                .then().statusCode(403);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).contentType("application/octet-stream")
                .body(new byte[]{1}).when().post("/api/v1/schedules").then().statusCode(403);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).contentType("application/json").body("{}")
                .when().post("/api/v1/schedules/webhook").then().statusCode(403);

        assertThat(count()).isEqualTo(before + 4);
    }

    @Test
    void aClientNotListedKeepsWrite() {
        given().header(ApiKeyFilter.HEADER, "test-key").when().post("/api/v1/schedules/drafts/no-such-draft/publish")
                .then().statusCode(404);
    }

    private double count() {
        Counter counter = registry.find(AuthenticationMetrics.FAILURES).tag("reason", "insufficient-role")
                .tag("client", "dashboard").counter();
        return counter == null ? 0 : counter.count();
    }
}
