package io.trestle.telemetry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.telemetry.topology.AggregatorSettings;
import io.trestle.telemetry.topology.TopologyFixture;
import io.trestle.telemetry.topology.UsageTopology;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.TopicSpec;
import io.trestle.testkit.process.ServiceProcess;

/**
 * Two instances of the packaged aggregator, separate JVMs in one Kafka Streams application on the real broker and
 * registry, each holding part of the partitions. Either instance gives the same, complete answer to every query: an
 * asset's utilization and a project's costs from the instance holding the key (forwarded when that is the other one),
 * the most idle assets gathered from both. When one instance stops, the other takes its partitions over and answers for
 * them; until then it answers 503 with Retry-After, never a partial answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalystQueriesAcrossInstancesIT {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final int PARTITIONS = 4;
    private static final String APPLICATION_ID = "analyst-queries-it-" + UUID.randomUUID();
    private static final String REPARTITION_TOPIC = APPLICATION_ID + "-cost-postings-by-project-repartition";
    private static final String API_KEY = "it-key";
    /** Yesterday 08:00 UTC: within the topics' retention and the analytics retention. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(16));
    private static final LocalDate DAY = LocalDate.ofInstant(T0, ZoneOffset.UTC);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final AggregatorSettings.Topics TOPICS = TopologyFixture.SETTINGS.topics();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Admin admin;
    private static ServiceProcess a;
    private static ServiceProcess b;
    /** Two assets on a telemetry partition of each instance; idle 0.03, 0.06, 0.09 and 0.12 h in that order. */
    private static String assetOfA1;
    private static String assetOfB1;
    private static String assetOfA2;
    private static String assetOfB2;
    /** A project held by each instance, each with one asset of either instance. */
    private static String projectOfA;
    private static String projectOfB;
    private static final Map<String, Double> IDLE_HOURS = new LinkedHashMap<>();

    @BeforeAll
    static void startTwoInstancesAndFeedThem() throws Exception {
        STACK.createTopics(TopicSpec.of(TOPICS.telemetry(), PARTITIONS),
                TopicSpec.of(TOPICS.reservations(), PARTITIONS),
                TopicSpec.compacted(TOPICS.equipmentAssets(), 1), TopicSpec.of(TOPICS.costPostings(), PARTITIONS),
                TopicSpec.of(TOPICS.unallocatedUsage(), 1), TopicSpec.of(TOPICS.quarantine(), 1),
                TopicSpec.compacted(TOPICS.assetUtilization(), 1));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()));
        a = AggregatorProcess.start("aggregator-a", configuration("aggregator-a"));
        b = AggregatorProcess.start("aggregator-b", configuration("aggregator-b"));
        AggregatorProcess.awaitRunning(a, Duration.ofSeconds(90));
        AggregatorProcess.awaitRunning(b, Duration.ofSeconds(90));

        Map<String, Set<TopicPartition>> assignments = awaitBothInstancesInTheGroup();
        AggregatorProcess.awaitRunning(a, DEADLINE);
        AggregatorProcess.awaitRunning(b, DEADLINE);
        Set<Integer> telemetryOfA = partitions(assignments.get(a.name()), TOPICS.telemetry());
        Set<Integer> telemetryOfB = partitions(assignments.get(b.name()), TOPICS.telemetry());
        Set<Integer> costsOfA = partitions(assignments.get(a.name()), REPARTITION_TOPIC);
        Set<Integer> costsOfB = partitions(assignments.get(b.name()), REPARTITION_TOPIC);
        assertThat(List.of(telemetryOfA, telemetryOfB, costsOfA, costsOfB))
                .as("each instance holds telemetry and cost partitions: %s", assignments)
                .allSatisfy(held -> assertThat(held).isNotEmpty());
        List<String> assetsOfA = idsOn("EX-", telemetryOfA, 2);
        List<String> assetsOfB = idsOn("EX-", telemetryOfB, 2);
        assetOfA1 = assetsOfA.get(0);
        assetOfA2 = assetsOfA.get(1);
        assetOfB1 = assetsOfB.get(0);
        assetOfB2 = assetsOfB.get(1);
        projectOfA = idsOn("PRJ-", costsOfA, 1).get(0);
        projectOfB = idsOn("PRJ-", costsOfB, 1).get(0);

        try (KafkaProducer<String, SpecificRecord> producer = STACK.avro().producer()) {
            List<String> assets = List.of(assetOfA1, assetOfB1, assetOfA2, assetOfB2);
            for (int i = 0; i < assets.size(); i++) {
                reserve(producer, assets.get(i), i < 2 ? projectOfA : projectOfB);
                IDLE_HOURS.put(assets.get(i), Math.round(3 * idlePerTenMinutes(i) * 10_000) / 10_000.0);
            }
            // Minute by minute over all assets, as they report: two assets may share a partition and its stream time.
            // 0.1 h per ten minutes until 08:30; the readings at 08:50 close both windows (grace 5 min).
            for (int minute : new int[]{0, 10, 20, 30, 50}) {
                int worked = Math.min(minute, 30) / 10;
                for (int i = 0; i < assets.size(); i++) {
                    send(producer, assets.get(i), minute, 100.0 * (i + 1) + worked * 0.1,
                            worked * idlePerTenMinutes(i));
                }
            }
        }
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        for (ServiceProcess instance : new ServiceProcess[]{a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    @Order(1)
    void eitherInstanceAnswersEveryQueryCompletelyAndAlike() throws Exception {
        // Until both have processed everything, as seen through a: then b must say exactly the same.
        for (String asset : IDLE_HOURS.keySet()) {
            JsonNode answer = awaitAnswer(a, utilization(asset), completeUtilization(asset));
            assertThat(answerOf(b, utilization(asset))).as("b on %s", asset).isEqualTo(answer);
        }
        // a asked for b's assets and b for a's: answered by forwarding to the holder.
        assertComplete(answerOf(a, utilization(assetOfB1)), completeUtilization(assetOfB1));
        assertComplete(answerOf(b, utilization(assetOfA1)), completeUtilization(assetOfA1));

        for (String project : List.of(projectOfA, projectOfB)) {
            JsonNode answer = awaitAnswer(a, costs(project), completeCosts(project));
            assertThat(answerOf(b, costs(project))).as("b on %s", project).isEqualTo(answer);
        }

        JsonNode top = awaitAnswer(a, topIdle(3), completeTopIdle());
        assertThat(answerOf(b, topIdle(3))).isEqualTo(top);
    }

    @Test
    @Order(2)
    void theAnalyticsStoresChangelogsAreCompacted() throws Exception {
        List<ConfigResource> changelogs = List.of(UsageTopology.UTILIZATION_STORE,
                UsageTopology.DAILY_UTILIZATION_STORE, UsageTopology.PROJECT_COST_STORE,
                UsageTopology.PROJECT_COST_DAYS_STORE).stream()
                .map(store -> new ConfigResource(ConfigResource.Type.TOPIC, APPLICATION_ID + "-" + store
                        + "-changelog"))
                .toList();

        Map<String, String> policies = new HashMap<>();
        admin.describeConfigs(changelogs).all().get().forEach((topic, config) -> policies.put(topic.name(),
                config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));

        assertThat(policies).hasSize(4).allSatisfy((topic, policy) -> assertThat(policy).isEqualTo("compact"));
    }

    @Test
    @Order(3)
    void onceAnInstanceStopsTheOtherAnswersForItsKeysAfterTheRebalanceAnd503WithRetryAfterMeanwhile()
            throws Exception {
        long stopping = System.nanoTime();
        b.close();
        List<String> unavailable = new ArrayList<>();

        JsonNode utilization = awaitTakeOver(utilization(assetOfB2), completeUtilization(assetOfB2), unavailable);
        long tookOver = System.nanoTime();
        JsonNode costs = awaitTakeOver(costs(projectOfB), completeCosts(projectOfB), unavailable);
        JsonNode top = awaitTakeOver(topIdle(3), completeTopIdle(), unavailable);

        assertComplete(utilization, completeUtilization(assetOfB2));
        assertComplete(costs, completeCosts(projectOfB));
        assertComplete(top, completeTopIdle());
        System.out.printf("a answered for b's keys %d ms after b was stopped; %d answer(s) 503 meanwhile: %s%n",
                Duration.ofNanos(tookOver - stopping).toMillis(), unavailable.size(), unavailable);
    }

    private static Map<String, String> configuration(String instance) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", STACK.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", STACK.bootstrapServers());
        config.put("trestle.registry.url", STACK.registryUrl());
        config.put("quarkus.kafka-streams.application-id", APPLICATION_ID);
        config.put("kafka-streams.client.id", instance);
        config.put("kafka-streams.state.dir", "target/it-state/" + APPLICATION_ID + "/" + instance);
        // As the local stack: a stopped instance leaves the group at once instead of after a 45 s session timeout.
        config.put("kafka-streams.internal.leave.group.on.close", "true");
        config.put("kafka-streams.session.timeout.ms", "10000");
        config.put("kafka-streams.heartbeat.interval.ms", "3000");
        config.put("trestle.telemetry-aggregator.api-keys", "it:" + API_KEY);
        config.put("trestle.telemetry-aggregator.pricing.default-hourly-rate", "100.00");
        config.put("trestle.telemetry-aggregator.window.size", "PT15M");
        config.put("trestle.telemetry-aggregator.window.grace", "PT5M");
        return config;
    }

    /** Each instance's assigned partitions, by its name, once the group is stable with both. */
    private static Map<String, Set<TopicPartition>> awaitBothInstancesInTheGroup() throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ConsumerGroupDescription group = null;
        while (System.nanoTime() < deadline) {
            try {
                group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).all().get().get(APPLICATION_ID);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                Thread.sleep(200); // no member has joined yet
                continue;
            }
            Map<String, Set<TopicPartition>> assignments = new HashMap<>();
            for (MemberDescription member : group.members()) {
                for (ServiceProcess instance : List.of(a, b)) {
                    if (member.clientId().startsWith(instance.name() + "-")) {
                        assignments.put(instance.name(), member.assignment().topicPartitions());
                    }
                }
            }
            if (group.groupState() == GroupState.STABLE && group.members().size() == 2 && assignments.size() == 2
                    && assignments.values().stream().noneMatch(Set::isEmpty)) {
                return assignments;
            }
            Thread.sleep(200); // polling interval with a deadline
        }
        return fail("The group %s did not settle with both instances within %s: %s", APPLICATION_ID, DEADLINE, group);
    }

    private static Set<Integer> partitions(Set<TopicPartition> assigned, String topic) {
        Set<Integer> partitions = new TreeSet<>();
        assigned.stream().filter(partition -> partition.topic().equals(topic))
                .forEach(partition -> partitions.add(partition.partition()));
        return partitions;
    }

    /** The first {@code count} ids {@code <prefix><n>} the producers' default partitioner puts on those partitions. */
    private static List<String> idsOn(String prefix, Set<Integer> partitions, int count) {
        return IntStream.iterate(1, n -> n + 1).mapToObj(n -> prefix + n)
                .filter(id -> partitions.contains(
                        Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS))
                .limit(count).toList();
    }

    private static void reserve(KafkaProducer<String, SpecificRecord> producer, String asset, String project)
            throws Exception {
        Instant published = T0.minus(Duration.ofDays(1));
        producer.send(new ProducerRecord<>(TOPICS.reservations(), null, published.toEpochMilli(), asset,
                TopologyFixture.reservation(asset, "R-" + asset, project, null, costCode(asset),
                        T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(8)), ReservationStatus.CONFIRMED,
                        published)))
                .get();
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String asset, int minute,
            double operatingHours, double idleHours) throws Exception {
        Instant time = T0.plus(Duration.ofMinutes(minute));
        producer.send(new ProducerRecord<>(TOPICS.telemetry(), null, time.toEpochMilli(), asset,
                TopologyFixture.reading(asset, time, operatingHours, idleHours, null))).get();
    }

    private static double idlePerTenMinutes(int asset) {
        return 0.01 * (asset + 1);
    }

    private static String costCode(String asset) {
        return "CC-" + asset;
    }

    private static String utilization(String asset) {
        return "/api/v1/utilization/assets/" + asset + "?from=" + DAY + "&to=" + DAY;
    }

    private static String costs(String project) {
        return "/api/v1/costs/projects/" + project + "?from=" + DAY + "&to=" + DAY;
    }

    private static String topIdle(int limit) {
        return "/api/v1/utilization/top-idle?day=" + DAY + "&limit=" + limit;
    }

    /** 0.3 operating hours in 08:00–08:30 and the asset's idle hours, the whole day available. */
    private static Predicate<JsonNode> completeUtilization(String asset) {
        return answer -> answer.path("assetId").asText().equals(asset)
                && answer.path("days").size() == 1
                && near(answer.at("/days/0/operatingHours"), 0.3)
                && near(answer.at("/days/0/idleHours"), IDLE_HOURS.get(asset))
                && near(answer.at("/days/0/availableHours"), 24.0)
                && near(answer.at("/days/0/utilization"), 0.0125);
    }

    /** Both assets' cost codes with 0.3 h at 100.00 each, although the assets are held by different instances. */
    private static Predicate<JsonNode> completeCosts(String project) {
        List<String> assets = project.equals(projectOfA)
                ? List.of(assetOfA1, assetOfB1)
                : List.of(assetOfA2, assetOfB2);
        List<String> codes = assets.stream().map(AnalystQueriesAcrossInstancesIT::costCode).sorted().toList();
        return answer -> {
            List<String> answered = new ArrayList<>();
            answer.path("costCodes").forEach(code -> {
                if (code.at("/total/amount").decimalValue().compareTo(new BigDecimal("30.00")) == 0
                        && near(code.at("/total/operatingHours"), 0.3)) {
                    answered.add(code.path("costCodeId").asText());
                }
            });
            return answered.equals(codes) && answer.path("currency").asText().equals("EUR")
                    && answer.at("/total/amount").decimalValue().compareTo(new BigDecimal("60.00")) == 0;
        };
    }

    /** The three most idle of the four assets, two of them held by b and one by a. */
    private static Predicate<JsonNode> completeTopIdle() {
        return answer -> {
            List<String> ranked = new ArrayList<>();
            answer.path("assets").forEach(asset -> {
                Double idle = IDLE_HOURS.get(asset.path("assetId").asText());
                if (idle != null && near(asset.path("idleHours"), idle)) {
                    ranked.add(asset.path("assetId").asText());
                }
            });
            return ranked.equals(List.of(assetOfB2, assetOfA2, assetOfB1));
        };
    }

    /** Polls until the instance answers 200 with a body that passes, failing with the last answer at the deadline. */
    private static JsonNode awaitAnswer(ServiceProcess instance, String pathAndQuery, Predicate<JsonNode> complete)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(instance, pathAndQuery);
            if (last.statusCode() == 200 && complete.test(JSON.readTree(last.body()))) {
                return JSON.readTree(last.body());
            }
            Thread.sleep(200); // polling interval with a deadline
        }
        return fail("%s %s did not answer completely within %s; last: %s %s", instance.name(), pathAndQuery, DEADLINE,
                last == null ? "-" : last.statusCode(), last == null ? "" : last.body());
    }

    /**
     * Polls a until it answers completely. Meanwhile every answer must be 503 with Retry-After as a problem document:
     * never a 200 that leaves b's part out, never another error.
     */
    private static JsonNode awaitTakeOver(String pathAndQuery, Predicate<JsonNode> complete, List<String> unavailable)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get(a, pathAndQuery);
            if (answer.statusCode() == 200) {
                JsonNode body = JSON.readTree(answer.body());
                assertComplete(body, complete);
                return body;
            }
            assertThat(answer.statusCode()).as("a's answer to %s: %s", pathAndQuery, answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            unavailable.add(JSON.readTree(answer.body()).path("detail").asText());
            Thread.sleep(200); // polling interval with a deadline; a client would wait Retry-After
        }
        return fail("a did not take %s over within %s:%n%s", pathAndQuery, DEADLINE, a.logTail());
    }

    private static void assertComplete(JsonNode answer, Predicate<JsonNode> complete) {
        assertThat(complete.test(answer)).as("complete: %s", answer).isTrue();
    }

    /** Figures are rounded to four decimals by the service; the test's own sums are doubles. */
    private static boolean near(JsonNode figure, double expected) {
        return figure.isNumber() && Math.abs(figure.asDouble() - expected) < 1e-9;
    }

    private static JsonNode answerOf(ServiceProcess instance, String pathAndQuery) throws Exception {
        HttpResponse<String> answer = get(instance, pathAndQuery);
        assertThat(answer.statusCode()).as("%s %s: %s", instance.name(), pathAndQuery, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(ServiceProcess instance, String pathAndQuery)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(instance.uri(pathAndQuery)).header("X-Api-Key", API_KEY)
                .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
