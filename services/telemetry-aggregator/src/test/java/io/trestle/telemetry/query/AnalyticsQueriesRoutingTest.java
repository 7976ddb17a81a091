package io.trestle.telemetry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import io.trestle.telemetry.client.InstanceClient;
import io.trestle.telemetry.domain.AssetDay;
import io.trestle.telemetry.domain.DayUtilization;
import io.trestle.telemetry.domain.LineHours;
import io.trestle.telemetry.topology.AnalyticsKeys;
import io.trestle.telemetry.topology.UsageTopology;

/** Where a query is answered: here, or forwarded once to the instance holding the key; and the top-idle merge. */
class AnalyticsQueriesRoutingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final String PATH = "/api/v1/utilization/assets/EX-1?from=2026-11-20&to=2026-11-20";

    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final List<String> localReads = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer standIn;
    private URI standInUri;
    private String standInBody = "{}";
    private int standInStatus = 200;

    @BeforeEach
    void startStandIn() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders());
            paths.add(exchange.getRequestURI().toString());
            byte[] body = standInBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(standInStatus, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        standIn.start();
        standInUri = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort());
    }

    @AfterEach
    void stopStandIn() {
        standIn.stop(0);
    }

    @Test
    void aKeyHeldHereIsReadFromTheLocalStoreWithoutAnyHttpCall() {
        AnalyticsQueries queries = queries(Map.of(UsageTopology.UTILIZATION_STORE, new MapStore<AssetDay>()
                .with(AnalyticsKeys.assetDay("EX-1", DAY), AssetDay.EMPTY.with("w|42|100", new LineHours(0, 6, 1)))),
                owner(KeyOwner.Local.ofPartition(3)));

        AnalyticsQueries.Answer<AssetUtilizationView> answer = queries.utilization("EX-1", new DateRange(DAY, DAY),
                new AnalyticsQueries.Caller(InstanceClient.Credential.apiKey("key"), PATH, false));

        assertThat(answer).isInstanceOfSatisfying(AnalyticsQueries.Answer.Here.class,
                here -> assertThat(((AssetUtilizationView) here.body()).total().utilization()).isEqualTo(0.25));
        assertThat(paths).isEmpty();
        // Only the key's partition: one not active here must fail, not be left out of the answer.
        assertThat(localReads).containsExactly(UsageTopology.UTILIZATION_STORE + " partition 3");
    }

    @Test
    void aKeyHeldElsewhereIsForwardedOnceWithTheCallersKeyAndItsAnswerPassedOn() {
        standInStatus = 200;
        standInBody = "{\"assetId\":\"EX-1\"}";
        AnalyticsQueries queries = queries(Map.of(), owner(new KeyOwner.Remote(standInUri)));

        AnalyticsQueries.Answer<AssetUtilizationView> answer = queries.utilization("EX-1", new DateRange(DAY, DAY),
                new AnalyticsQueries.Caller(InstanceClient.Credential.apiKey("analyst-key"), PATH, false));

        assertThat(answer).isInstanceOfSatisfying(AnalyticsQueries.Answer.Relayed.class, relayed -> {
            InstanceClient.Answer remote = relayed.answer();
            assertThat(remote.status()).isEqualTo(200);
            assertThat(new String(remote.body(), StandardCharsets.UTF_8)).isEqualTo(standInBody);
        });
        assertThat(paths).containsExactly(PATH);
        assertThat(received.get(0).getFirst("X-Api-Key")).isEqualTo("analyst-key");
        assertThat(received.get(0).getFirst(InstanceClient.FORWARDED_HEADER)).isEqualTo("true");
    }

    @Test
    void aCallerWithABearerTokenIsForwardedWithItsToken() {
        standInStatus = 200;
        standInBody = "{\"assetId\":\"EX-1\"}";
        AnalyticsQueries queries = queries(Map.of(), owner(new KeyOwner.Remote(standInUri)));

        queries.utilization("EX-1", new DateRange(DAY, DAY),
                new AnalyticsQueries.Caller(InstanceClient.Credential.of(null, "Bearer eyJ.token"), PATH, false));

        assertThat(received.get(0).getFirst("Authorization")).isEqualTo("Bearer eyJ.token");
        assertThat(received.get(0).containsKey("X-Api-Key")).isFalse();
    }

    @Test
    void aForwardedRequestForAKeyHeldElsewhereIsNotForwardedAgain() {
        AnalyticsQueries queries = queries(Map.of(), owner(new KeyOwner.Remote(standInUri)));

        assertThatThrownBy(() -> queries.utilization("EX-1", new DateRange(DAY, DAY),
                new AnalyticsQueries.Caller(InstanceClient.Credential.apiKey("key"), PATH, true)))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("forwarded here");
        assertThat(paths).isEmpty();
    }

    @Test
    void anUnreachableOwnerMakesTheQueryUnavailableNotFailed() {
        standIn.stop(0);
        AnalyticsQueries queries = queries(Map.of(), owner(new KeyOwner.Remote(standInUri)));

        assertThatThrownBy(() -> queries.costs("42", new DateRange(DAY, DAY), Optional.empty(),
                new AnalyticsQueries.Caller(InstanceClient.Credential.apiKey("key"),
                        "/api/v1/costs/projects/42?from=2026-11-20&to=2026-11-20",
                        false)))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("cannot be reached");
    }

    @Test
    void topIdleMergesEveryInstancesOwnTopAndKeepsTheOverallMostIdle() {
        standInBody = """
                {"day":"2026-11-20","limit":2,"assets":[
                  {"assetId":"EX-9","idleHours":5.0,"operatingHours":9.0,"availableHours":24.0,"utilization":0.375},
                  {"assetId":"EX-3","idleHours":1.0,"operatingHours":2.0,"availableHours":24.0,"utilization":0.0833}]}
                """;
        MapStore<DayUtilization> local = new MapStore<DayUtilization>()
                .with(AnalyticsKeys.dayAsset(DAY, "EX-1"), new DayUtilization("EX-1", "2026-11-20", 8, 3, 24, 1 / 3.0))
                .with(AnalyticsKeys.dayAsset(DAY, "EX-2"),
                        new DayUtilization("EX-2", "2026-11-20", 4, 0.5, 24, 1 / 6.0))
                .with(AnalyticsKeys.dayAsset(DAY.plusDays(1), "EX-7"),
                        new DayUtilization("EX-7", "2026-11-21", 20, 19, 24, 20 / 24.0));
        AnalyticsQueries queries = queries(Map.of(UsageTopology.DAILY_UTILIZATION_STORE, local),
                instances(KeyOwner.Local.allPartitions(), new KeyOwner.Remote(standInUri)));

        TopIdleView top = queries.topIdle(DAY, 2,
                new AnalyticsQueries.Caller(InstanceClient.Credential.apiKey("key"),
                        "/api/v1/utilization/top-idle?day=2026-11-20&limit=2", false));

        assertThat(top.assets()).extracting(TopIdleView.IdleAsset::assetId, TopIdleView.IdleAsset::idleHours)
                .containsExactly(tuple("EX-9", 5.0),
                        tuple("EX-1", 3.0));
        assertThat(received).singleElement()
                .satisfies(headers -> assertThat(headers.getFirst(InstanceClient.FORWARDED_HEADER)).isEqualTo("true"));
        assertThat(localReads).containsExactly(UsageTopology.DAILY_UTILIZATION_STORE + " partition all");
    }

    private AnalyticsQueries queries(Map<String, ReadOnlyKeyValueStore<String, ?>> stores,
            InstanceDirectory directory) {
        LocalStores local = new LocalStores() {

            @Override
            @SuppressWarnings("unchecked")
            public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name, OptionalInt partition) {
                localReads.add(name + " partition "
                        + (partition.isPresent() ? String.valueOf(partition.getAsInt()) : "all"));
                return (ReadOnlyKeyValueStore<String, V>) stores.get(name);
            }
        };
        return new AnalyticsQueries(local, directory, new InstanceClient(Duration.ofSeconds(2)),
                new ObjectMapper().findAndRegisterModules());
    }

    private static InstanceDirectory owner(KeyOwner owner) {
        return new InstanceDirectory() {

            @Override
            public KeyOwner ownerOf(String store, String partitionKey) {
                return owner;
            }

            @Override
            public List<KeyOwner> instancesOf(String store) {
                return List.of(owner);
            }
        };
    }

    private static InstanceDirectory instances(KeyOwner... owners) {
        return new InstanceDirectory() {

            @Override
            public KeyOwner ownerOf(String store, String partitionKey) {
                throw new AssertionError("top-idle asks no key's owner");
            }

            @Override
            public List<KeyOwner> instancesOf(String store) {
                return List.of(owners);
            }
        };
    }
}
