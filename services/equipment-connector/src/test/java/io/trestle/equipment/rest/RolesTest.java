package io.trestle.equipment.rest;

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
import io.restassured.http.ContentType;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.AuthenticationMetrics;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * Roles over HTTP: the test profile makes {@code dashboard} read-only, while {@code test} is not listed and keeps the
 * push clients' default write (application.properties).
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class RolesTest {

    private static final String READ_ONLY_KEY = "dashboard-key";
    private static final String BATCH = "{\"readings\":[{\"readingId\":\"r-roles\",\"assetId\":\"EX-ROLES\","
            + "\"readingTime\":\"2026-01-01T00:00:00Z\",\"cumulativeOperatingHours\":10.0}]}";

    @Inject
    MeterRegistry registry;

    @Test
    void aReadOnlyKeyReadsTheVendorsStateButIsRefusedPushesAndReplays() {
        double before = count();

        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().get("/api/v1/vendors").then().statusCode(200);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).contentType(ContentType.JSON).body(BATCH)
                .when().post("/api/v1/telemetry")
                .then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Insufficient role"))
                .body("detail", containsString("needs the write role; client 'dashboard' has only read"));
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().post("/api/v1/quarantine/replay")
                .then().statusCode(403);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).contentType(ContentType.JSON)
                .body("{\"items\":[]}").when().post("/api/v1/faults").then().statusCode(403);

        assertThat(count()).isEqualTo(before + 3);
    }

    @Test
    void aClientNotListedKeepsWriteAndWithItRead() {
        given().header(ApiKeyFilter.HEADER, "test-key").when().get("/api/v1/vendors").then().statusCode(200);
    }

    private double count() {
        Counter counter = registry.find(AuthenticationMetrics.FAILURES).tag("reason", "insufficient-role")
                .tag("client", "dashboard").counter();
        return counter == null ? 0 : counter.count();
    }
}
