package io.trestle.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.testkit.process.ServiceProcess;

/**
 * Two machines' readings of one morning, as a telematics platform pushes them: EX-1 works 08:00–08:40 and EX-2 from
 * 08:30 on, 0.05 h per 5 minutes; EX-2 misses its 08:45 reading. With 15-minute windows and 10 minutes of grace they
 * become six postings.
 */
final class TelemetryFeed {

    /** Yesterday 08:00 UTC: in the past (future readings are refused) and well within the topics' retention. */
    static final Instant FIRST_READING = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(16));
    static final int EXPECTED_POSTINGS = 6;
    private static final Duration READING_INTERVAL = Duration.ofMinutes(5);
    private static final int READINGS_PER_ASSET = 19; // 08:00 … 09:30
    /** EX-2 misses one reading. */
    static final int READINGS = 2 * READINGS_PER_ASSET - 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelemetryFeed() {
    }

    /** Both machines' readings in time order, as one batch. */
    static Map<String, Object> batch() {
        List<Map<String, Object>> readings = new ArrayList<>();
        double ex1Hours = 1520.0;
        double ex1Fuel = 40210.0;
        double ex2Hours = 310.0;
        for (int i = 0; i < READINGS_PER_ASSET; i++) {
            Instant time = FIRST_READING.plus(READING_INTERVAL.multipliedBy(i));
            if (i >= 1 && i <= 8) {
                ex1Hours += 0.05;
                ex1Fuel += 1.5;
            }
            if (i >= 7) {
                ex2Hours += 0.05;
            }
            readings.add(Map.of("readingId", "ex1-" + i, "assetId", "EX-1", "readingTime", time.toString(),
                    "cumulativeOperatingHours", ex1Hours, "cumulativeFuelUsed",
                    Map.of("value", ex1Fuel, "unit", "litre"), "engineRunning", i >= 1 && i <= 8));
            if (i != 9) {
                readings.add(Map.of("readingId", "ex2-" + i, "assetId", "EX-2", "readingTime", time.toString(),
                        "cumulativeOperatingHours", ex2Hours));
            }
        }
        return Map.of("source", "e2e", "readings", readings);
    }

    /** Pushes the batch to the equipment connector's telemetry endpoint with the client's API key. */
    static HttpResponse<String> push(ServiceProcess connector, String apiKey) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(connector.baseUrl() + "/api/v1/telemetry"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch())))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
