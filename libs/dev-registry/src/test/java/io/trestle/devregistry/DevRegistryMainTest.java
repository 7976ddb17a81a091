package io.trestle.devregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry as a separate process, the way the local stack runs it. */
class DevRegistryMainTest {

    @TempDir
    Path dataDir;

    @Test
    void optionsAreParsedWithTheDocumentedDefaults() {
        DevRegistryOptions defaults = DevRegistryMain.parse(new String[0]);
        assertThat(defaults.port()).isEqualTo(8081);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.dataDir()).isEmpty();

        DevRegistryOptions given = DevRegistryMain
                .parse(new String[]{"--port", "0", "--host", "0.0.0.0", "--data-dir", "state"});
        assertThat(given.port()).isZero();
        assertThat(given.host()).isEqualTo("0.0.0.0");
        assertThat(given.dataDir()).contains(Path.of("state"));

        assertThatThrownBy(() -> DevRegistryMain.parse(new String[]{"--port"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DevRegistryMain.parse(new String[]{"--verbose", "yes"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProcessAnnouncesItselfServesRequestsAndKeepsItsStateAcrossRestarts() throws Exception {
        int port = freePort();
        String registeredId;
        Process first = launch(port);
        try {
            String ready = readyLine(first);
            assertThat(ready).isEqualTo("Trestle dev registry listening on http://127.0.0.1:" + port
                    + " (Apicurio v3: http://127.0.0.1:" + port + "/apis/registry/v3, ccompat: http://127.0.0.1:"
                    + port + "/apis/ccompat/v7)");
            RegistryHttp http = new RegistryHttp("http://127.0.0.1:" + port);
            registeredId = RegistryHttp.json(http.post("/apis/ccompat/v7/subjects/main-value/versions",
                    "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"M\\\",\\\"fields\\\":[]}\"}"))
                    .get("id").asText();
        } finally {
            stop(first);
        }

        Process second = launch(port);
        try {
            readyLine(second);
            RegistryHttp http = new RegistryHttp("http://127.0.0.1:" + port);
            assertThat(http.getJson("/apis/ccompat/v7/subjects/main-value/versions/latest").get("id").asText())
                    .isEqualTo(registeredId);
        } finally {
            stop(second);
        }
    }

    private Process launch(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                DevRegistryMain.class.getName(), "--port", String.valueOf(port), "--data-dir", dataDir.toString()))
                .redirectErrorStream(true).start();
    }

    private static String readyLine(Process process) throws Exception {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String read;
                while ((read = output.readLine()) != null) {
                    if (read.startsWith("Trestle dev registry listening on ")) {
                        return read;
                    }
                }
                throw new IllegalStateException("The process ended without announcing itself");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return line.get(60, TimeUnit.SECONDS);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
