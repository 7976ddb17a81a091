package io.trestle.devregistry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Behaviour beyond the recording: errors, other groups, concurrency, the public API. */
class RegistryBehaviourTest {

    private static final String V3 = "/apis/registry/v3";
    private static final String CCOMPAT = "/apis/ccompat/v7";

    private DevRegistry registry;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        registry = DevRegistry.start(0);
        http = new RegistryHttp(registry.baseUrl());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void urlsPointAtTheBoundPort() {
        assertThat(registry.port()).isPositive();
        assertThat(registry.baseUrl()).isEqualTo("http://127.0.0.1:" + registry.port());
        assertThat(registry.apicurioUrl()).isEqualTo(registry.baseUrl() + "/apis/registry/v3");
        assertThat(registry.ccompatUrl()).isEqualTo(registry.baseUrl() + "/apis/ccompat/v7");
    }

    @Test
    void aWildcardBindIsReachedThroughLoopback() {
        try (DevRegistry wildcard = DevRegistry.start("0.0.0.0", 0)) {
            assertThat(wildcard.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(new RegistryHttp(wildcard.baseUrl()).get(V3 + "/system/info").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void malformedJsonIsA400ProblemDetailsOnV3AndA400ErrorOnCcompat() {
        HttpResponse<String> v3 = http.post(V3 + "/groups/default/artifacts", "{\"artifactId\": ");
        assertThat(v3.statusCode()).isEqualTo(400);
        JsonNode problem = RegistryHttp.json(v3);
        assertThat(problem.get("name").asText()).isEqualTo("BadRequestException");
        assertThat(problem.get("title").asText()).startsWith("Malformed JSON request body");
        assertThat(problem.get("detail").asText()).startsWith("BadRequestException: Malformed JSON request body");

        HttpResponse<String> ccompat = http.post(CCOMPAT + "/subjects/s/versions", "not json");
        assertThat(ccompat.statusCode()).isEqualTo(400);
        assertThat(RegistryHttp.json(ccompat).get("error_code").asInt()).isEqualTo(400);
    }

    @Test
    void missingContentIsReportedAsAMissingParameter() {
        HttpResponse<String> response = http.post(V3 + "/groups/default/artifacts",
                "{\"artifactId\":\"a\",\"artifactType\":\"AVRO\",\"firstVersion\":{}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RegistryHttp.json(response).get("title").asText())
                .isEqualTo("Request is missing a required parameter: body.firstVersion.content");
    }

    @Test
    void creatingAnExistingArtifactWithoutIfExistsConflicts() {
        String body = createArtifactBody("dup", SCHEMA);
        assertThat(http.post(V3 + "/groups/default/artifacts", body).statusCode()).isEqualTo(200);

        HttpResponse<String> again = http.post(V3 + "/groups/default/artifacts", body);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(RegistryHttp.json(again).get("name").asText()).isEqualTo("ArtifactAlreadyExistsException");
    }

    @Test
    void artifactsOfANamedGroupCarryTheirGroupIdAndAreNoSubjects() {
        JsonNode created = RegistryHttp
                .json(http.post(V3 + "/groups/team.a/artifacts", createArtifactBody("events-value", SCHEMA)));

        assertThat(created.at("/artifact/groupId").asText()).isEqualTo("team.a");
        assertThat(created.at("/version/groupId").asText()).isEqualTo("team.a");
        assertThat(http.getJson(V3 + "/groups/team.a/artifacts/events-value/versions/1").get("groupId").asText())
                .isEqualTo("team.a");
        assertThat(http.get(V3 + "/groups/default/artifacts/events-value").statusCode()).isEqualTo(404);
        assertThat(http.get(CCOMPAT + "/subjects").body()).isEqualTo("[]");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() {
        assertThat(http.get(V3 + "/nothing/here").statusCode()).isEqualTo(404);
        assertThat(http.get("/elsewhere").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = http.send(HttpRequest
                .newBuilder(URI.create(registry.baseUrl() + V3 + "/system/info")).DELETE().build());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void ccompatConfigUpdatesTheGlobalRule() {
        HttpRequest put = HttpRequest.newBuilder(URI.create(registry.baseUrl() + CCOMPAT + "/config"))
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"compatibility\":\"FULL\"}")).build();

        assertThat(http.send(put).body()).isEqualTo("{\"compatibility\":\"FULL\",\"normalize\":false}");
        assertThat(http.get(V3 + "/admin/rules/COMPATIBILITY").body())
                .isEqualTo("{\"config\":\"FULL\",\"ruleType\":\"COMPATIBILITY\"}");
        assertThat(http.get(CCOMPAT + "/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void concurrentRegistrationsGetDistinctDenseGlobalIds() throws Exception {
        int threads = 8;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Long>> registrations = () -> {
                    List<Long> globalIds = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String name = "r" + thread + "x" + i;
                        String schema = "{\"type\":\"record\",\"name\":\"" + name
                                + "\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
                        JsonNode created = RegistryHttp.json(http.post(
                                V3 + "/groups/default/artifacts?ifExists=FIND_OR_CREATE_VERSION",
                                createArtifactBody(name + "-value", schema)));
                        globalIds.add(created.at("/version/globalId").asLong());
                    }
                    return globalIds;
                };
                results.add(pool.submit(registrations));
            }
            Set<Long> all = new TreeSet<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread).first().isEqualTo(1L);
            assertThat(all).last().isEqualTo((long) threads * perThread);
            assertThat(http.getJson(CCOMPAT + "/subjects")).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private static String createArtifactBody(String artifactId, String schema) {
        return "{\"artifactId\":\"" + artifactId + "\",\"artifactType\":\"AVRO\",\"firstVersion\":{\"content\":{"
                + "\"content\":" + RegistryHttp.MAPPER.valueToTree(schema) + ",\"contentType\":\"application/json\"}}}";
    }
}
