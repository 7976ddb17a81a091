package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.trestle.testkit.SettableClock;

/**
 * Replays, in order, every exchange recorded from the real Odoo 17.0 server against a fresh stand-in prepared with the
 * recorded server's earlier history ({@link RecordedHistory}), and compares the answers.
 *
 * <p>
 * What is compared: HTTP status; for JSON-RPC the whole answer, keys in order, every value exactly, except
 * {@code YYYY-MM-DD HH:MM:SS} timestamps (format only: they are the recorded server's wall clock) and the ids that only
 * exist because of the recorded database's history (see {@link #HISTORY_IDS}), which are mapped to the stand-in's and
 * then compared like any value; for raw HTTP the body byte for byte, Content-Type and Set-Cookie.
 *
 * <p>
 * Transformed rather than excluded: the XML-RPC exchanges (lines 43–51, 66) are sent over JSON-RPC with the same
 * arguments, because the stand-in has no XML-RPC endpoint (Trestle's client does not use it); their result is compared
 * exactly and their fault by XML-RPC's fault code (1: the traceback equals {@code data.debug}, 2: a user error's
 * message, 3: AccessDenied, 4: AccessError's message). They still run, so the ids after them match. Line 77's recorded
 * body was cut off inside the traceback: the part recorded is compared as a prefix and the message with line 23's. No
 * line is excluded.
 */
class TranscriptReplayTest {

    private static final String TRANSCRIPT = "/odoo/odoo17-jsonrpc-transcripts.jsonl";
    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final String RECORDED_BASE_URL = "http://127.0.0.1:18069";
    private static final String API_KEY_PLACEHOLDER = "<api-key>";

    /**
     * Answers carrying ids from the recorded database's history (200 000 analytic lines of an earlier benchmark): label
     * → where the ids are. Recorded and stand-in ids found there are paired, and the pairing is applied to every later
     * request and expected answer.
     */
    private static final Map<String, Function<Object, List<Object>>> HISTORY_IDS = Map.of(
            "load account.analytic.line with external ids (first time: creates)",
            answer -> list(map(answer).get("ids")),
            "ir.model.data lookup by module+name",
            answer -> List.of(map(list(answer).get(0)).get("id")));

    /** The exchange whose recorded body was cut off, and the exchange recording the same error in full. */
    private static final String TRUNCATED = "ERR web/dataset/call_kw bad field";
    private static final String SAME_ERROR_IN_FULL = "ERR bad field name on create";

    private static OdooStandIn standIn;

    @AfterAll
    static void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void theTranscriptHasTheRecordedExchanges() throws IOException {
        List<Map<String, Object>> lines = transcript();
        Map<Object, Long> byTransport = new HashMap<>();
        lines.forEach(line -> byTransport.merge(line.get("transport"), 1L, Long::sum));
        assertThat(lines).hasSize(96);
        assertThat(byTransport).containsOnly(Map.entry("jsonrpc", 78L), Map.entry("xmlrpc", 10L),
                Map.entry("raw-http", 8L));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedExchangeIsAnsweredAsRecorded() throws IOException {
        List<Map<String, Object>> lines = transcript();
        SettableClock clock = new SettableClock(Instant.parse("2026-11-26T23:30:43Z"));
        standIn = OdooStandIn.start(OdooStandInOptions.defaults().withClock(clock));
        RecordedHistory.recreate(standIn, clock);
        clock.set(Instant.parse("2026-11-26T23:32:19Z"));
        Replay replay = new Replay(standIn, lines);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> line = lines.get(i);
            tests.add(DynamicTest.dynamicTest(String.format("%02d %s: %s", i + 1, line.get("transport"),
                    line.get("label")), () -> replay.check(line)));
        }
        return tests.stream();
    }

    private static final class Replay {

        private final OdooStandIn standIn;
        private final StandInHttp http;
        private final List<Map<String, Object>> lines;
        private final Map<Object, Object> historyIds = new HashMap<>();
        private String sessionCookie;
        private int nextId = 1000;

        Replay(OdooStandIn standIn, List<Map<String, Object>> lines) {
            this.standIn = standIn;
            this.http = new StandInHttp(standIn.url());
            this.lines = lines;
        }

        void check(Map<String, Object> line) {
            switch ((String) line.get("transport")) {
                case "jsonrpc" -> jsonRpc(line);
                case "xmlrpc" -> xmlRpcOverJsonRpc(line);
                default -> rawHttp(line);
            }
        }

        private void jsonRpc(Map<String, Object> line) {
            Object request = recordedToActual(line.get("request"));
            StandInHttp.Response response = http.postJson("/jsonrpc", StandInHttp.write(request));
            assertThat(response.status()).isEqualTo(line.get("http_status"));
            assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
            Object actual = response.json();
            Function<Object, List<Object>> ids = HISTORY_IDS.get((String) line.get("label"));
            if (ids != null) {
                pair(ids.apply(map(line.get("response")).get("result")), ids.apply(map(actual).get("result")));
            }
            assertSame(recordedToActual(line.get("response")), actual);
        }

        private void xmlRpcOverJsonRpc(Map<String, Object> line) {
            String service = ((String) line.get("path")).endsWith("/common") ? "common" : "object";
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("service", service);
            params.put("method", line.get("method"));
            params.put("args", recordedToActual(line.get("args")));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("jsonrpc", "2.0");
            request.put("method", "call");
            request.put("id", nextId++);
            request.put("params", params);
            Map<String, Object> actual = map(http.postJson("/jsonrpc", StandInHttp.write(request)).json());
            if (line.containsKey("result")) {
                assertThat(actual).containsKey("result");
                assertSame(recordedToActual(line.get("result")), actual.get("result"));
                return;
            }
            Map<String, Object> fault = map(line.get("fault"));
            assertThat(actual).containsKey("error");
            Map<String, Object> data = map(map(actual.get("error")).get("data"));
            String faultString = (String) fault.get("faultString");
            switch ((Integer) fault.get("faultCode")) {
                case 1 -> assertThat(data.get("debug")).isEqualTo(faultString);
                case 3 -> assertThat(data).containsEntry("name", "odoo.exceptions.AccessDenied")
                        .containsEntry("message", faultString);
                case 4 -> assertThat(data).containsEntry("name", "odoo.exceptions.AccessError")
                        .containsEntry("message", faultString);
                default -> assertThat(data.get("name")).isIn("odoo.exceptions.UserError",
                        "odoo.exceptions.ValidationError", "odoo.exceptions.MissingError");
            }
        }

        private void rawHttp(Map<String, Object> line) {
            String label = (String) line.get("label");
            String path = (String) line.get("path");
            String contentType = label.contains("text/plain") ? "text/plain" : "application/json";
            Map<String, String> headers = path.startsWith("/web/dataset/") && !label.contains("without session")
                    ? Map.of("Cookie", sessionCookie)
                    : Map.of();
            StandInHttp.Response response = http.post(path, contentType, (String) line.get("request_body"), headers);
            assertThat(response.status()).isEqualTo(line.get("http_status"));
            assertThat(response.contentType()).isEqualTo(line.get("content_type"));
            if (line.get("set_cookie") == null) {
                assertThat(response.header("Set-Cookie")).isEmpty();
            } else {
                String cookie = response.header("Set-Cookie").orElseThrow();
                assertThat(cookie).matches("session_id=[0-9a-f]{40}; Expires=[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} "
                        + "\\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Max-Age=604800; HttpOnly; Path=/; SameSite=Lax");
                sessionCookie = cookie.substring(0, cookie.indexOf(';'));
            }
            String recorded = ((String) line.get("body")).replace(RECORDED_BASE_URL, standIn.url().toString());
            if (label.equals(TRUNCATED)) {
                String recordedPart = recorded.substring(0, recorded.indexOf("\\n  File"));
                assertThat(response.body()).startsWith(recordedPart);
                Map<String, Object> sameError = map(map(map(lineLabelled(SAME_ERROR_IN_FULL).get("response"))
                        .get("error")).get("data"));
                Map<String, Object> data = map(map(map(response.json()).get("error")).get("data"));
                assertThat(data.get("message")).isEqualTo(sameError.get("message"));
                assertThat(data.get("arguments")).isEqualTo(sameError.get("arguments"));
                return;
            }
            assertThat(response.body()).isEqualTo(recorded);
        }

        private Map<String, Object> lineLabelled(String label) {
            return lines.stream().filter(l -> label.equals(l.get("label"))).findFirst().orElseThrow();
        }

        private void pair(List<Object> recorded, List<Object> actual) {
            assertThat(actual).as("ids in the answer").hasSameSizeAs(recorded);
            for (int i = 0; i < recorded.size(); i++) {
                historyIds.put(recorded.get(i), actual.get(i));
            }
        }

        /** The recorded value with the placeholder key and history ids replaced by the stand-in's. */
        private Object recordedToActual(Object value) {
            if (API_KEY_PLACEHOLDER.equals(value)) {
                return standIn.adminApiKey();
            }
            if (value instanceof Integer && historyIds.containsKey(value)) {
                return historyIds.get(value);
            }
            if (value instanceof Map<?, ?> m) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(k, recordedToActual(v)));
                return copy;
            }
            if (value instanceof List<?> l) {
                List<Object> copy = new ArrayList<>();
                l.forEach(v -> copy.add(recordedToActual(v)));
                return copy;
            }
            return value;
        }
    }

    /** Same keys in the same order, same values; timestamps by format. */
    private static void assertSame(Object expected, Object actual) {
        List<String> differences = new ArrayList<>();
        compare(expected, actual, "$", differences);
        assertThat(differences).as("differences from the recording; actual answer: %s", StandInHttp.write(actual))
                .isEmpty();
    }

    private static void compare(Object expected, Object actual, String path, List<String> differences) {
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                differences.add(path + ": expected an object, got " + actual);
                return;
            }
            if (!new ArrayList<>(e.keySet()).equals(new ArrayList<>(a.keySet()))) {
                differences.add(path + ": keys " + a.keySet() + " instead of " + e.keySet());
                return;
            }
            e.forEach((key, value) -> compare(value, a.get(key), path + "." + key, differences));
        } else if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                differences.add(path + ": expected " + e + ", got " + actual);
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(e.get(i), a.get(i), path + "[" + i + "]", differences);
            }
        } else if (expected instanceof String s && DATETIME.matcher(s).matches()) {
            if (!(actual instanceof String t) || !DATETIME.matcher(t).matches()) {
                differences.add(path + ": expected a timestamp, got " + actual);
            }
        } else if (expected instanceof Double d) {
            if (!(actual instanceof Double a) || a.doubleValue() != d.doubleValue()) {
                differences.add(path + ": expected " + expected + ", got " + actual);
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static List<Map<String, Object>> transcript() throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        try (InputStream in = TranscriptReplayTest.class.getResourceAsStream(TRANSCRIPT);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (!text.isBlank()) {
                    lines.add(map(StandInHttp.parse(text)));
                }
            }
        }
        return lines;
    }
}
