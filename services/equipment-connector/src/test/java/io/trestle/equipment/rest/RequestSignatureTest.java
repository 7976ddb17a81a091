package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.AuthenticationMetrics;
import io.trestle.rest.RequestSignatures;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * HMAC request signatures over HTTP. The test profile gives client {@code signed} a signing secret and client
 * {@code test} none (application.properties).
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class RequestSignatureTest {

    private static final String SIGNED_KEY = "signed-key";
    private static final String SECRET = "signed-client-secret-0123456789";
    private static final String PATH = "/api/v1/telemetry";

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getLoggerName() + " " + format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturingLogs() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void acceptsASignedRequestAndTheResourceReadsTheBodyThatWasSigned() {
        byte[] body = batch("signed-ok");
        long now = Instant.now().getEpochSecond();

        signedClient(now, RequestSignatures.sign(SECRET, now, body)).body(body).when().post(PATH)
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("items[0].itemId", startsWith("signed-ok-"));
    }

    @Test
    void refusesEachWayOfGettingTheSignatureWrongNamingWhatIsWrong() {
        byte[] body = batch("refused");
        long now = Instant.now().getEpochSecond();
        String valid = RequestSignatures.sign(SECRET, now, body);
        long stale = now - Duration.ofMinutes(6).toSeconds();

        assertRefused(given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, SIGNED_KEY)
                .header(RequestSignatures.SIGNATURE_HEADER, valid), body, "Missing signature timestamp",
                "X-Trestle-Timestamp");
        assertRefused(given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, SIGNED_KEY)
                .header(RequestSignatures.TIMESTAMP_HEADER, Long.toString(now)), body, "Missing signature",
                "X-Trestle-Signature");
        assertRefused(signedClient(now, "sha256=" + "ab".repeat(16)), body, "Malformed signature", "64 lowercase hex");
        assertRefused(signedClient(now, RequestSignatures.sign("another-secret-0123456789", now, body)), body,
                "Signature mismatch", "does not match");
        assertRefused(signedClient(stale, RequestSignatures.sign(SECRET, stale, body)), body,
                "Stale signature timestamp", "at most 300 s");
        assertRefused(signedClient(now, valid), tamper(body), "Signature mismatch", "does not match");
    }

    @Test
    void aClientWithoutASigningSecretNeedsOnlyItsApiKeyAndASignedClientStillNeedsItsKey() {
        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, "test-key").body(batch("unsigned"))
                .when().post(PATH)
                .then().statusCode(202);

        byte[] body = batch("no-key");
        long now = Instant.now().getEpochSecond();
        given().contentType(ContentType.JSON)
                .header(RequestSignatures.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSignatures.SIGNATURE_HEADER, RequestSignatures.sign(SECRET, now, body))
                .body(body).when().post(PATH)
                .then().statusCode(401).body("title", equalTo("Missing API key"));
    }

    @Test
    void signsRequestsWithoutABodyToo() {
        long now = Instant.now().getEpochSecond();
        signedClient(now, RequestSignatures.sign(SECRET, now, new byte[0]))
                .queryParam("system", "push:signed-" + UUID.randomUUID())
                .when().post("/api/v1/quarantine/replay")
                .then().statusCode(200).body("examined", equalTo(0));
    }

    @Test
    void neverShowsTheSecretOrTheExpectedSignatureInAnswersOrLogs() {
        byte[] body = batch("secret-check");
        long now = Instant.now().getEpochSecond();
        String expected = RequestSignatures.sign(SECRET, now, body);
        String wrong = RequestSignatures.sign("another-secret-0123456789", now, body);
        List<String> answers = new ArrayList<>();

        answers.add(signedClient(now, wrong).body(body).when().post(PATH).then().statusCode(401).extract().asString());
        answers.add(signedClient(now, expected).body(tamper(body)).when().post(PATH).then().statusCode(401)
                .extract().asString());
        answers.add(signedClient(now - 3600, expected).body(body).when().post(PATH).then().statusCode(401).extract()
                .asString());

        String hex = expected.substring(RequestSignatures.SCHEME.length());
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(SECRET).doesNotContain(hex));
        synchronized (logged) {
            assertThat(logged).as("the refusals are logged, by client and reason")
                    .anySatisfy(line -> assertThat(line).contains("client signed").contains("signature-mismatch"))
                    .anySatisfy(line -> assertThat(line).contains("stale-timestamp"));
            assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(SECRET).doesNotContain(hex)
                    .doesNotContain(SIGNED_KEY));
        }
    }

    @Test
    void countsRefusalsByReasonAndClient() {
        byte[] body = batch("counted");
        long now = Instant.now().getEpochSecond();
        double mismatches = count("signature-mismatch", "signed");
        double unknownKeys = count("unknown-api-key", "none");

        signedClient(now, RequestSignatures.sign("another-secret-0123456789", now, body)).body(body).when().post(PATH)
                .then().statusCode(401);
        given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, "no-such-key").body(body).when().post(PATH)
                .then().statusCode(401);

        assertThat(count("signature-mismatch", "signed")).isEqualTo(mismatches + 1);
        assertThat(count("unknown-api-key", "none")).isEqualTo(unknownKeys + 1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("trestle_authentication_failures_total"));
    }

    private void assertRefused(RequestSpecification request, byte[] body, String title, String detail) {
        ExtractableResponse<Response> answer = request.body(body).when().post(PATH).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", startsWith("https://trestle.dev/problems/unauthenticated"))
                .body("title", equalTo(title))
                .extract();
        assertThat(answer.<String>path("detail")).as(title).contains(detail);
    }

    private static RequestSpecification signedClient(long timestamp, String signature) {
        return given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, SIGNED_KEY)
                .header(RequestSignatures.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(RequestSignatures.SIGNATURE_HEADER, signature);
    }

    private double count(String reason, String client) {
        Counter counter = registry.find(AuthenticationMetrics.FAILURES).tag("reason", reason).tag("client", client)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] batch(String readingId) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        return ("{\"readings\":[{\"readingId\":\"" + readingId + "-" + UUID.randomUUID() + "\",\"assetId\":\"EX-SIG-"
                + UUID.randomUUID() + "\",\"readingTime\":\"" + time + "\",\"cumulativeOperatingHours\":10.0}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tamper(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).replace("10.0", "99.0").getBytes(StandardCharsets.UTF_8);
    }

    /** The message as printed, printf-style (JBoss Logging's {@code infof}) or MessageFormat-style. */
    private static String format(LogRecord record) {
        String message = String.valueOf(record.getMessage());
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0) {
            return message;
        }
        StringBuilder printed = new StringBuilder();
        try {
            printed.append(String.format(message, parameters));
        } catch (IllegalFormatException notPrintf) {
            printed.append(message);
        }
        try {
            printed.append(" | ").append(MessageFormat.format(message, parameters));
        } catch (IllegalArgumentException notMessageFormat) {
            // printed already
        }
        return printed.toString();
    }
}
