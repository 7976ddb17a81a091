package io.trestle.equipment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.rest.Problem;
import io.trestle.rest.Violation;

class JsonProblemMapperTest {

    /**
     * Configured like Quarkus' own mapper in the points that matter here: java.time support, unknown fields ignored.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final JsonProblemMapper mapper = new JsonProblemMapper();

    @Test
    void namesAnUnreadableInstantInApiTerms() {
        assertThat(violationFor(reading("\"readingTime\":\"yesterday\""))).isEqualTo(new Violation(0, null,
                "readings[0].readingTime", "'yesterday' is not a valid ISO-8601 instant (e.g. 2026-11-27T08:00:00Z)"));
    }

    @Test
    void namesWrongValueKindsInApiTerms() {
        assertThat(violationFor(reading("\"cumulativeOperatingHours\":\"many\"")).message())
                .isEqualTo("'many' is not a number");
        assertThat(violationFor(reading("\"cumulativeOperatingHours\":{\"value\":1}")).message())
                .isEqualTo("expected a number");
        assertThat(violationFor(reading("\"cumulativeLoadCount\":\"lots\"")).message())
                .isEqualTo("'lots' is not a whole number");
        assertThat(violationFor(reading("\"engineRunning\":\"yes\"")).message())
                .isEqualTo("'yes' is not true or false");
        assertThat(violationFor(reading("\"location\":[48.1,11.5]"))).isEqualTo(
                new Violation(0, null, "readings[0].location", "expected an object"));
        assertThat(violationFor("{\"readings\":{\"readingId\":\"r\"}}"))
                .isEqualTo(new Violation(-1, null, "readings", "expected an array"));
        assertThat(violationFor(reading("\"cumulativeLoadCount\":1e30"))).isEqualTo(new Violation(0, null,
                "readings[0].cumulativeLoadCount",
                "number out of range; expected a whole number between -9223372036854775808 and 9223372036854775807"));
    }

    @Test
    void neverShowsJavaTypeNames() {
        for (String body : new String[]{reading("\"readingTime\":\"yesterday\""), reading("\"readingTime\":[1]"),
                reading("\"assetId\":{}"), reading("\"cumulativeLoadCount\":1e30"),
                reading("\"cumulativeFuelUsed\":12"), "[]", "\"batch\"", "{\"readings\":[{\"readingId\":"}) {
            assertThat(violationFor(body).message()).as(body).doesNotContain("java.", "`", "Source:")
                    .doesNotContainIgnoringCase("deserializ");
        }
    }

    @Test
    void quotesOnlyTheStartOfALongRefusedValue() {
        String message = violationFor(reading("\"readingTime\":\"" + "x".repeat(1000) + "\"")).message();

        assertThat(message).startsWith("'" + "x".repeat(JsonProblemMapper.MAX_QUOTED_LENGTH) + "…'")
                .hasSizeLessThan(120);
    }

    @Test
    void answers400WithAProblemDocument() {
        Response response = mapper.unreadableJson(parseFailure("{\"readings\":[{\"readingId\":"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).violations()).singleElement().isEqualTo(new Violation(0, null,
                "readings[0]", "not valid JSON: Unexpected end-of-input within/between Object entries"));
    }

    private Violation violationFor(String body) {
        Problem problem = (Problem) mapper.unreadableJson(parseFailure(body)).getEntity();
        assertThat(problem.violations()).hasSize(1);
        return problem.violations().get(0);
    }

    private static JsonProcessingException parseFailure(String body) {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
                () -> JSON.readValue(body, TelemetryBatch.class));
        assertThat(failure).as("reading %s fails", body).isNotNull();
        return failure;
    }

    private static String reading(String field) {
        return "{\"readings\":[{\"readingId\":\"r\",\"assetId\":\"A\"," + field + "}]}";
    }
}
