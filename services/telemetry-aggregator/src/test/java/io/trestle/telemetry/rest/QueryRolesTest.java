package io.trestle.telemetry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.ApiKeyRoles;
import io.trestle.rest.Role;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * Roles on the query API, which has only read endpoints: the aggregator takes rest-support's default roles, every
 * analyst read, and read is enough for every query.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class QueryRolesTest {

    @Inject
    ApiKeyRoles roles;

    @Test
    void analystsAreReadOnlyAndMayRunEveryQuery() {
        assertThat(roles.roleOf("analyst")).isEqualTo(Role.READ);

        given().header(ApiKeyFilter.HEADER, "analyst-key")
                .when().get("/api/v1/utilization/top-idle?day=2026-11-20&limit=2").then().statusCode(200);
        given().header(ApiKeyFilter.HEADER, "analyst-key")
                .when().get("/api/v1/utilization/assets/EX-1?from=2026-11-19&to=2026-11-21").then().statusCode(200);
        given().header(ApiKeyFilter.HEADER, "analyst-key")
                .when().get("/api/v1/costs/projects/42?from=2026-11-20&to=2026-11-20").then().statusCode(200);
    }
}
