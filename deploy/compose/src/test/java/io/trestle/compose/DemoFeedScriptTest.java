package io.trestle.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;

/**
 * The demo feeder of the compose stack (deploy/compose/demo/send-demo-feed.sh), run as the demo-feed container runs it,
 * against an equipment connector that records what it is sent and the Odoo 17 stand-in: it posts every feed file with
 * the demo key and ends only once Odoo holds the sink's lines, and says why when it cannot.
 */
class DemoFeedScriptTest {

    private static final String KEY = "demo-key-under-test";
    private static final Path SCRIPT = Repository.root().resolve("deploy/compose/demo/send-demo-feed.sh");
    private static final Path FEED = Repository.root().resolve("deploy/local/demo");

    private OdooStandIn odoo;
    private HttpServer equipmentConnector;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private long account;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(onPath("curl"), "curl is not installed (Debian: apt-get install curl); the demo feeder calls it");
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        account = odoo.seed("account.analytic.account",
                Map.of("name", "Trestle: unallocated equipment usage", "plan_id", 1));
        equipmentConnector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        equipmentConnector.createContext("/api/v1/telemetry", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean known = KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            if (known) {
                received.add(new String(body, StandardCharsets.UTF_8));
            }
            byte[] answer = (known ? "{\"accepted\":1}" : "{\"title\":\"Unknown API key\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 202 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        equipmentConnector.start();
    }

    @AfterEach
    void stop() {
        if (equipmentConnector != null) {
            equipmentConnector.stop(0);
        }
        if (odoo != null) {
            odoo.close();
        }
    }

    @Test
    void postsEveryFeedFileAndEndsOnceOdooHoldsTheSinksLines() throws Exception {
        for (int i = 1; i <= 3; i++) {
            odoo.seed("account.analytic.line", Map.of("name", "EX-1001 usage " + i, "date", "2026-11-26", "amount",
                    -23.75 * i, "unit_amount", 0.25 * i, "account_id", account, "ref", "posting-" + i));
        }

        Run run = feed(KEY, odoo.adminApiKey(), 60);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(received).containsExactlyElementsOf(feedFiles());
        assertThat(run.output()).contains("3 analytic lines in Odoo").contains("EX-1001 usage 1")
                .contains("posting-3");
    }

    @Test
    void aRefusedPostStopsTheDemoNamingTheFileAndTheAnswer() throws Exception {
        Run run = feed("not-the-key", odoo.adminApiKey(), 60);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("answered 401 to telemetry-01.json").contains("Unknown API key");
        assertThat(odoo.callCount("common", "authenticate")).isZero();
    }

    @Test
    void noLinesInOdooByTheDeadlineFailsPointingToTheServicesLogs() throws Exception {
        Run run = feed(KEY, odoo.adminApiKey(), 0);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("no analytic line on account " + account)
                .contains("docker compose logs telemetry-aggregator odoo-sink");
    }

    @Test
    void aLoginOdooRefusesIsReportedAsSuch() throws Exception {
        Run run = feed(KEY, "wrong-password", 60);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("Odoo did not accept the login admin on database " + odoo.database());
    }

    private Run feed(String pushKey, String odooCredential, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("TRESTLE_EQUIPMENT_URL",
                "http://127.0.0.1:" + equipmentConnector.getAddress().getPort(), "TRESTLE_DEMO_API_KEY", pushKey,
                "ODOO_URL", odoo.url().toString().replaceAll("/$", ""), "ODOO_DATABASE", odoo.database(),
                "TRESTLE_ODOO_LOGIN", odoo.adminLogin(), "TRESTLE_ODOO_PASSWORD", odooCredential,
                "TRESTLE_UNALLOCATED_ACCOUNT_ID", String.valueOf(account), "TRESTLE_DEMO_TIMEOUT",
                String.valueOf(timeoutSeconds), "TRESTLE_DEMO_FEED_DIR", FEED.toString(),
                "TRESTLE_DEMO_POLL_SECONDS", "1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the script ends by itself").isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private static List<String> feedFiles() {
        try (Stream<Path> files = Files.list(FEED)) {
            return files.filter(file -> file.getFileName().toString().matches("telemetry-.*\\.json")).sorted()
                    .map(file -> {
                        try {
                            return Files.readString(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(int exitCode, String output) {
    }
}
