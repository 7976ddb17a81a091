package io.trestle.equipment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * The answers when the broker does not acknowledge. The telemetry channel is pointed at a socket that accepts
 * connections and never answers, so no reading is ever acknowledged: each waits in the producer for metadata until
 * {@code max.block.ms}. (A topic with {@code min.insync.replicas=2} on the single test broker does not do: Kafka caps
 * the effective minimum at the replication factor and acknowledges.)
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@TestProfile(UnacknowledgedPublishTest.SilentBrokerProfile.class)
class UnacknowledgedPublishTest {

    private static final String KEY = "test-key";
    private static final int MAX_IN_FLIGHT = 5;
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void answers503InsteadOf202WhenTheBrokerDoesNotAcknowledgeAndRefusesMoreWhileTheReadingsAreInFlight() {
        long start = System.nanoTime();
        post(MAX_IN_FLIGHT).statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://trestle.dev/problems/publish-failed"));
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answeredAfter).isGreaterThanOrEqualTo(PUBLISH_TIMEOUT).isLessThan(Duration.ofSeconds(15));

        // The unacknowledged readings still wait in the producer (max.block.ms 60 s), so there is no room for more.
        post(1).statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://trestle.dev/problems/ingest-saturated"));
    }

    private static ValidatableResponse post(int readings) {
        String asset = "EX-" + UUID.randomUUID();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        List<Map<String, Object>> batch = IntStream.range(0, readings)
                .mapToObj(i -> Map.<String, Object>of("readingId", asset + "-" + i, "assetId", asset, "readingTime",
                        time.plusSeconds(i).toString(), "cumulativeOperatingHours", 100.0 + i))
                .toList();
        return given().contentType(ContentType.JSON).header(ApiKeyFilter.HEADER, KEY)
                .body(Map.of("readings", batch))
                .when().post("/api/v1/telemetry")
                .then();
    }

    public static class SilentBrokerProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "trestle.equipment-connector.ingest.publish-timeout", PUBLISH_TIMEOUT.toString(),
                    "trestle.equipment-connector.ingest.max-batch-size", String.valueOf(MAX_IN_FLIGHT),
                    "trestle.equipment-connector.ingest.max-in-flight-readings", String.valueOf(MAX_IN_FLIGHT),
                    // Far beyond the test, so the readings are certainly still in flight for the second request.
                    "mp.messaging.outgoing.telemetry-out.max.block.ms", "60000",
                    // Shutting down must not wait for readings that can never be delivered.
                    "mp.messaging.outgoing.telemetry-out.close-timeout", "500");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentBroker.class));
        }
    }

    /** A listening socket that never accepts: clients connect, send their requests and wait for answers in vain. */
    public static class SilentBroker implements QuarkusTestResourceLifecycleManager {

        private ServerSocket socket;

        @Override
        public Map<String, String> start() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not open the silent broker's socket", e);
            }
            return Map.of("mp.messaging.outgoing.telemetry-out.bootstrap.servers",
                    socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort());
        }

        @Override
        public void stop() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not close the silent broker's socket", e);
            }
        }
    }
}
