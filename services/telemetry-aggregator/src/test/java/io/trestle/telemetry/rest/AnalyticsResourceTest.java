package io.trestle.telemetry.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * The query API over HTTP with its authentication, validation, problem documents and OpenAPI document, answered by
 * {@link OnlyInstance}.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class AnalyticsResourceTest {

    private static final String KEY = "analyst-key";
    private static final String MOVING = OnlyInstance.MOVING;

    @Test
    void utilizationListsEveryDayOfTheRangeWithTheDefinitionsFigures() {
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/assets/EX-1?from=2026-11-19&to=2026-11-21")
                .then().statusCode(200)
                .body("assetId", equalTo("EX-1"))
                .body("days.day", contains("2026-11-19", "2026-11-20", "2026-11-21"))
                .body("days[1].operatingHours", equalTo(0.1f))
                .body("days[1].idleHours", equalTo(0.01f))
                .body("days[1].availableHours", equalTo(24.0f))
                .body("days[1].utilization", equalTo(0.0042f))
                .body("days[0].operatingHours", equalTo(0.0f))
                .body("total.availableHours", equalTo(72.0f));
    }

    @Test
    void costsArePerCostCodeAndDayWithTotalsAndCanBeNarrowedToOneCostCode() {
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/costs/projects/42?from=2026-11-20&to=2026-11-20")
                .then().statusCode(200)
                .body("currency", equalTo("EUR"))
                .body("costCodes.costCodeId", contains("100", "200"))
                .body("costCodes[0].periods[0].day", equalTo("2026-11-20"))
                .body("costCodes[0].periods[0].amount", equalTo(8.0f))
                .body("total.amount", equalTo(16.0f))
                .body("total.operatingHours", equalTo(0.2f));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/costs/projects/42?from=2026-11-20&to=2026-11-20&costCode=200")
                .then().statusCode(200)
                .body("costCodes.costCodeId", contains("200"))
                .body("total.amount", equalTo(8.0f));
    }

    @Test
    void topIdleRanksTheDaysAssetsByIdleHours() {
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/top-idle?day=2026-11-20&limit=2")
                .then().statusCode(200)
                .body("assets.assetId", contains("EX-2", "EX-1"))
                .body("assets[0].idleHours", equalTo(0.05f));
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/assets/EX-1?from=2026-11-21&to=2026-11-19")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("from"));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/costs/projects/42?from=2026-13-01")
                .then().statusCode(422)
                .body("violations.field", contains("from", "to"));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/costs/projects/42?from=2025-01-01&to=2026-11-20")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("to"))
                .body("violations[0].message", containsString("at most 366"));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/top-idle?day=2026-11-20&limit=0")
                .then().statusCode(422)
                .body("violations.field", contains("limit"));
    }

    @Test
    void daysBeforeTheRetentionAreRefusedNamingTheOldestDayAnswered() {
        // FixedClock: 2026-11-27, retention 400 days: 2025-10-24 is the oldest day answered.
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/assets/EX-1?from=2025-10-23&to=2025-10-30")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("from"))
                .body("violations[0].message", containsString("before 2025-10-24, the oldest day answered"))
                .body("violations[0].message", containsString("400 days"));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/assets/EX-1?from=2025-10-24&to=2025-10-30")
                .then().statusCode(200)
                .body("days", hasSize(7));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/costs/projects/42?from=2025-10-01&to=2025-10-30")
                .then().statusCode(422)
                .body("violations.field", contains("from"));
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/top-idle?day=2025-10-23")
                .then().statusCode(422)
                .body("violations.field", contains("day"));
    }

    @Test
    void aPartitionBetweenInstancesIsAnswered503WithRetryAfter() {
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/assets/" + MOVING + "?from=2026-11-20&to=2026-11-20")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString(MOVING));
    }

    @Test
    void aStoreMovingAwayWhileItIsReadIsAnswered503WithRetryAfter() {
        given().header(ApiKeyFilter.HEADER, KEY)
                .when().get("/api/v1/utilization/assets/" + OnlyInstance.MIGRATING + "?from=2026-11-20&to=2026-11-20")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("moved while it was read"));
    }

    @Test
    void queriesNeedAnApiKey() {
        given().when().get("/api/v1/utilization/top-idle?day=2026-11-20")
                .then().statusCode(401).contentType("application/problem+json");
        given().header(ApiKeyFilter.HEADER, "wrong")
                .when().get("/api/v1/costs/projects/42?from=2026-11-20&to=2026-11-20")
                .then().statusCode(401);
    }

    @Test
    void everyEndpointIsInTheOpenApiDocument() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.keySet()", hasSize(3))
                .body("paths.'/api/v1/utilization/assets/{assetId}'.get.responses.keySet()",
                        contains("200", "401", "422", "503"))
                .body("paths.'/api/v1/costs/projects/{projectId}'.get.summary", notNullValue())
                .body("paths.'/api/v1/utilization/top-idle'.get.parameters.name", contains("day", "limit"));
    }
}
