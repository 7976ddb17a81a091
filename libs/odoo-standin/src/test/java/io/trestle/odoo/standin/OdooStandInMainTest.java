package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The stand-in as a separate process, the way the local stack runs it. */
class OdooStandInMainTest {

    @Test
    void optionsAreParsedWithTheDocumentedDefaults() {
        OdooStandInOptions defaults = OdooStandInMain.parse(new String[0]);
        assertThat(defaults.port()).isEqualTo(8069);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.database()).isEqualTo("constr");
        assertThat(defaults.adminApiKey()).isEqualTo(OdooStandInOptions.DEFAULT_ADMIN_API_KEY);
        assertThat(defaults.latency()).isZero();

        OdooStandInOptions given = OdooStandInMain.parse(new String[]{"--port", "0", "--host", "0.0.0.0",
                "--database", "site", "--admin-api-key", "k", "--latency-ms", "40"});
        assertThat(given).extracting(OdooStandInOptions::port, OdooStandInOptions::host, OdooStandInOptions::database,
                OdooStandInOptions::adminApiKey, OdooStandInOptions::latency)
                .containsExactly(0, "0.0.0.0", "site", "k", Duration.ofMillis(40));

        assertThatThrownBy(() -> OdooStandInMain.parse(new String[]{"--port"}))
                .hasMessage("Missing value for --port");
        assertThatThrownBy(() -> OdooStandInMain.parse(new String[]{"--port", "eighty"}))
                .hasMessage("--port needs a number, not 'eighty'");
        assertThatThrownBy(() -> OdooStandInMain.parse(new String[]{"--verbose", "yes"}))
                .hasMessage("Unknown option --verbose");
    }

    @Test
    void theProcessAnnouncesItselfAndAnswersLikeOdoo() throws Exception {
        int port = freePort();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OdooStandInMain.class.getName(), "--port",
                String.valueOf(port), "--database", "site", "--admin-api-key", "process-key"))
                .redirectErrorStream(true).start();
        try {
            assertThat(readyLine(process)).isEqualTo("Trestle Odoo stand-in listening on http://127.0.0.1:" + port);

            StandInHttp http = new StandInHttp(URI.create("http://127.0.0.1:" + port));
            StandInHttp.Response version = http.postJson("/jsonrpc", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", "
                    + "\"id\": 1, \"params\": {\"service\": \"common\", \"method\": \"version\", \"args\": []}}");
            assertThat(version.body()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {\"server_version\": "
                    + "\"17.0-20240709\", \"server_version_info\": [17, 0, 0, \"final\", 0, \"\"], \"server_serie\": "
                    + "\"17.0\", \"protocol_version\": 1}}");
            StandInHttp.Response login = http.postJson("/jsonrpc", StandInHttp.write(Map.of("jsonrpc", "2.0", "id", 2,
                    "params", Map.of("service", "common", "method", "login", "args",
                            List.of("site", "admin", "process-key")))));
            assertThat(login.json()).isEqualTo(Map.of("jsonrpc", "2.0", "id", 2, "result", 2));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String readyLine(Process process) throws Exception {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = output.readLine()) != null) {
                    if (line.startsWith("Trestle Odoo stand-in listening on ")) {
                        return line;
                    }
                }
                throw new IllegalStateException("The process ended without announcing itself");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
