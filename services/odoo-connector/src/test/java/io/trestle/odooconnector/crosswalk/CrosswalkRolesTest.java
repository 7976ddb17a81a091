package io.trestle.odooconnector.crosswalk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trestle.odooconnector.it.SeededOdooResource;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.AuthenticationMetrics;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * Roles of API-key clients on the crosswalk API, which only changes mappings: the test profile makes {@code auditor}
 * read-only; {@code planning-office} is not listed and keeps the default write (application.properties). OIDC is off,
 * as it ships.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(SeededOdooResource.class)
class CrosswalkRolesTest {

    private static final String READ_ONLY_KEY = "auditor-key";
    private static final String PATH = "/api/v1/crosswalk/p6/project/P-ROLES";

    @Inject
    MeterRegistry registry;

    @Test
    void aReadOnlyKeyIsRefusedEveryChangeWith403NamingTheRoleButNotTheKey() {
        double before = count("insufficient-role", "auditor");

        String detail = given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).contentType(ContentType.JSON)
                .body("{\"canonicalType\":\"project\",\"canonicalId\":\"42\"}")
                .when().put(PATH)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://trestle.dev/problems/forbidden"))
                .body("title", equalTo("Insufficient role"))
                .extract().path("detail");
        assertThat(detail).contains("needs the write role").contains("'auditor'").doesNotContain(READ_ONLY_KEY);
        given().header(ApiKeyFilter.HEADER, READ_ONLY_KEY).when().delete(PATH).then().statusCode(403);

        assertThat(count("insufficient-role", "auditor")).isEqualTo(before + 2);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("reason=\"insufficient-role\""));
    }

    @Test
    void aClientNotListedKeepsWrite() {
        given().header(ApiKeyFilter.HEADER, "test-crosswalk-key").contentType(ContentType.JSON)
                .body("{\"canonicalType\":\"project\",\"canonicalId\":\"42\"}")
                .when().put(PATH)
                .then().statusCode(200).body("changedBy", equalTo("api:planning-office"));
    }

    @Test
    void aBearerTokenChangesNothingWhileOidcIsOff() {
        double missing = count("missing-api-key", "none");

        given().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln").contentType(ContentType.JSON)
                .body("{\"canonicalType\":\"project\",\"canonicalId\":\"42\"}")
                .when().put(PATH)
                .then().statusCode(401)
                .body("title", equalTo("Missing API key"))
                .body("detail", not(containsString("bearer")));

        assertThat(count("missing-api-key", "none")).isEqualTo(missing + 1);
    }

    private double count(String reason, String client) {
        Counter counter = registry.find(AuthenticationMetrics.FAILURES).tag("reason", reason).tag("client", client)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
