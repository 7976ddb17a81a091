package io.trestle.testkit.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM, as it runs in
 * production: configured only through system properties and environment variables, on a free HTTP port, its output in
 * {@code target/<name>-<port>.log}. Started without waiting, so several start side by side; the await methods poll its
 * HTTP endpoints with a deadline.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param environment
     *            environment variables besides this JVM's, as a deployment sets secrets (e.g.
     *            {@code KAFKA_SASL_JAAS_CONFIG}): unlike system properties they are not visible in the process list
     */
    public static ServiceProcess launch(String name, Path jar, Map<String, String> properties,
            Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing; package the service first (Maven's "
                    + "package phase, e.g. ./mvnw package -DskipTests)");
        }
        int port = freePort();
        Path log = Path.of("target", name + "-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceProcess(name, builder.start(), log, port);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    /** Until {@code /q/health/ready} answers 200. */
    public ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        return awaitHealth("/q/health/ready", timeout, "ready", response -> response.statusCode() == 200);
    }

    /**
     * Until the answer of {@code path} satisfies {@code condition}.
     *
     * @throws IllegalStateException
     *             with the end of the log, when the process exits or the timeout passes first
     */
    public ServiceProcess awaitHealth(String path, Duration timeout, String description,
            Predicate<HttpResponse<String>> condition) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (condition.test(client.send(request, HttpResponse.BodyHandlers.ofString()))) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server is not up yet
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(name + " not " + description + " within " + timeout + ":\n" + logTail());
    }

    /** Everything the service logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** SIGTERM, as an orchestrator stops a pod, then SIGKILL if it has not stopped within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
