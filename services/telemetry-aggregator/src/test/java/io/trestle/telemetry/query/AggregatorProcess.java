package io.trestle.telemetry.query;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.testkit.process.ServiceProcess;

/**
 * Instances of the packaged aggregator ({@code target/quarkus-app/quarkus-run.jar}, built in the {@code package}
 * phase), each advertising its own port to the others.
 */
final class AggregatorProcess {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AggregatorProcess() {
    }

    /** Starts an instance without waiting, so several start side by side. */
    static ServiceProcess start(String name, Map<String, String> properties) throws IOException {
        Map<String, String> advertised = new HashMap<>(properties);
        advertised.put("trestle.telemetry-aggregator.queries.advertised-host", "127.0.0.1");
        return ServiceProcess.launch(name, JAR, advertised, Map.of());
    }

    /**
     * Until Kafka Streams is RUNNING, as the liveness check reports it. Readiness is no signal: it checks only that the
     * input topics exist, and is UP while Kafka Streams has not even started.
     */
    static void awaitRunning(ServiceProcess instance, Duration timeout) throws IOException, InterruptedException {
        instance.awaitHealth("/q/health/live", timeout, "RUNNING", response -> streamsState(response.body())
                .equals("RUNNING"));
    }

    private static String streamsState(String health) {
        try {
            for (JsonNode check : JSON.readTree(health).path("checks")) {
                if (check.path("name").asText().equals("Kafka Streams state health check")) {
                    return check.at("/data/state").asText();
                }
            }
            return "not reported";
        } catch (IOException notJson) {
            return "unreadable";
        }
    }
}
