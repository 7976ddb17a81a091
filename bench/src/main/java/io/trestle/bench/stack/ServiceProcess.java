package io.trestle.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trestle.bench.process.BenchHome;
import io.trestle.bench.process.ManagedProcess;

/**
 * A packaged Trestle service ({@code services/<name>/target/quarkus-app/quarkus-run.jar}) as its own JVM, configured
 * only through system properties and environment variables, as in production and in the local stack.
 */
public final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final ManagedProcess process;
    private final int port;
    private final long startedNanos;
    private long readyNanos;

    private ServiceProcess(ManagedProcess process, int port, long startedNanos) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /** Launches the service; {@link #awaitReady()} waits for its readiness. */
    public static ServiceProcess launch(BenchHome home, String service, int port, List<String> jvmOptions,
            Map<String, String> properties, Map<String, String> environment) throws IOException {
        Path jar = home.serviceJar(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it (bench/run-benchmark.sh --build)");
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.add("-jar");
        arguments.add(jar.toString());
        long started = System.nanoTime();
        ManagedProcess process = ManagedProcess.startJava(service, home, jvmOptions, arguments,
                home.state().resolve("services").resolve(service), environment);
        return new ServiceProcess(process, port, started);
    }

    /** Waits for {@code /q/health/ready}; returns {@link System#nanoTime()} when it answered 200. */
    public long awaitReady() throws IOException, InterruptedException {
        readyNanos = process.awaitHttpOk(URI.create(baseUrl() + "/q/health/ready"), READY_TIMEOUT);
        return readyNanos;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** From launch to ready, in seconds. */
    public double startSeconds() {
        return (readyNanos - startedNanos) / 1e9;
    }
}
