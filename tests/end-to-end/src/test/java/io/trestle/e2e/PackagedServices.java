package io.trestle.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.trestle.testkit.process.ServiceProcess;

/** The services of this repository as packaged by the build, started as their own JVMs and awaited until ready. */
final class PackagedServices {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private PackagedServices() {
    }

    static ServiceProcess start(String service, Map<String, String> properties) throws IOException,
            InterruptedException {
        return start(service, properties, Map.of());
    }

    static ServiceProcess start(String service, Map<String, String> properties, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("trestle.root", "../.."))
                .resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        return ServiceProcess.launch(service, jar, properties, environment).awaitReady(READY_TIMEOUT);
    }
}
