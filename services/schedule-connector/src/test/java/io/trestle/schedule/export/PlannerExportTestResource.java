package io.trestle.schedule.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.TopicSpec;

/**
 * Enables the export in a {@code @QuarkusTest}: topics and a consumer group of its own, an outbox folder, and a planner
 * URL on a free port where nothing listens yet (the test starts its planner there when it wants it up). Use with
 * {@code TrestleTestResource}, which points the application at the shared broker and registry.
 */
public class PlannerExportTestResource implements QuarkusTestResourceLifecycleManager {

    /** Test-only key: the port of the planner URL. */
    public static final String PLANNER_PORT = "trestle.test.planner-port";

    private static final String PREFIX = "trestle.schedule-connector.export.";

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new LinkedHashMap<>();
        config.put(PREFIX + "enabled", "true");
        config.put(PREFIX + "consumer-group", "export-app-test-" + run);
        config.put(PREFIX + "topics.projects", "export-app-projects-" + run);
        config.put(PREFIX + "topics.project-tasks", "export-app-tasks-" + run);
        config.put(PREFIX + "topics.cost-codes", "export-app-cost-codes-" + run);
        config.put(PREFIX + "topics.quarantine", "export-app-quarantine-" + run);
        TrestleStack.kafkaAndRegistry().createTopics(
                TopicSpec.compacted(config.get(PREFIX + "topics.projects"), 2),
                TopicSpec.compacted(config.get(PREFIX + "topics.project-tasks"), 2),
                TopicSpec.compacted(config.get(PREFIX + "topics.cost-codes"), 1),
                TopicSpec.of(config.get(PREFIX + "topics.quarantine"), 1));
        int port = freePort();
        config.put(PREFIX + "planner.url", "http://127.0.0.1:" + port + "/import/{format}");
        config.put(PLANNER_PORT, Integer.toString(port));
        try {
            config.put(PREFIX + "outbox.directory", Files.createTempDirectory("planner-outbox-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The topics live on the shared broker until the test JVM ends; the folder is a temporary one.
    }
}
