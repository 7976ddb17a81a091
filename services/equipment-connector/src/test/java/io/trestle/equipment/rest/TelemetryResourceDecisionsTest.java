package io.trestle.equipment.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.messaging.FakeEmitter;
import io.trestle.equipment.messaging.TelemetryPublisher;
import io.trestle.equipment.service.PushBatches;
import io.trestle.equipment.service.PushEventSinks;
import io.trestle.equipment.service.PushEventType;
import io.trestle.equipment.service.PushMachines;
import io.trestle.equipment.service.QuarantineMapper;
import io.trestle.equipment.service.QuarantineSink;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * The resource's own decisions, without HTTP: what it does when the filter did not run, how it resolves machines and
 * quarantines the unknown ones, and how it answers for each way the broker can fail to acknowledge. The wire behaviour
 * is covered by {@link TelemetryResourceTest}.
 */
class TelemetryResourceDecisionsTest {

    private final FakeEmitter emitter = new FakeEmitter();
    private final InMemoryMachineResolver resolver = new InMemoryMachineResolver();
    private final List<QuarantinedEvent> quarantined = new ArrayList<>();
    private final List<CompletableFuture<Void>> quarantineAcks = new ArrayList<>();
    private final TelemetryResource resource = resource("PT1M");

    @Test
    void refusesARequestThatReachesItWithoutAnAuthenticatedClient() {
        Response response = ingest(batch("r-1"), unauthenticated());

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(emitter.sent()).isEmpty();
    }

    @Test
    void answers503WhenTheBrokerRefusesAReading() {
        var answer = resource.ingest(batch("r-1", "r-2"), authenticatedAs("acme"), null).toCompletableFuture();
        emitter.ack(0).complete(null);
        emitter.ack(1).completeExceptionally(new IllegalStateException("NOT_ENOUGH_REPLICAS"));

        Response response = answer.join();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((Problem) response.getEntity()).title()).isEqualTo("Readings not acknowledged");
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void answers503WhenTheBrokerDoesNotAnswerWithinThePublishTimeout() {
        Response response = resource("PT0.05S").ingest(batch("r-1"), authenticatedAs("acme"), null)
                .toCompletableFuture().join();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((Problem) response.getEntity()).title()).isEqualTo("Readings not acknowledged");
    }

    @Test
    void answers503WithRetryAfterAndPublishesNothingWhileTooManyReadingsAwaitTheBroker() {
        resource.ingest(batch("r-1", "r-2"), authenticatedAs("acme"), null);

        Response response = ingest(batch("r-3"), authenticatedAs("acme"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((Problem) response.getEntity()).type()).isEqualTo("https://trestle.dev/problems/ingest-saturated");
        assertThat(emitter.sent()).extracting(record -> record.value().getMetadata().getSourceRecordId())
                .containsExactly("r-1", "r-2");
    }

    @Test
    void publishesTheReadingOfAMappedMachineUnderItsAssetWithTheMachinesIdsInTheMetadata() {
        resolver.map("push:acme", "PIN-7", "EX-7");
        EquipmentIdentity machine = new EquipmentIdentity("Acme", "RX", "SN-7", "PIN-7", "Unit 7");

        var answer = resource.ingest(new TelemetryBatch(null, List.of(reading("r-1", null, machine))),
                authenticatedAs("acme"), null).toCompletableFuture();
        emitter.acknowledgeAll();

        Response response = answer.join();
        assertThat(response.getStatus()).isEqualTo(202);
        TelemetryReading event = emitter.sent().get(0).value();
        assertThat(emitter.sent().get(0).key()).isEqualTo("EX-7");
        assertThat(event.getAssetId()).isEqualTo("EX-7");
        assertThat(event.getMetadata().getEventId()).isEqualTo(TelemetryMapper.eventId("push:acme", "r-1"));
        assertThat(event.getMetadata().getResolvedFrom()).containsExactly(
                new ExternalId("push:acme", "equipment", "PIN-7"), new ExternalId("push:acme", "equipment", "SN-7"));
        Accepted accepted = (Accepted) response.getEntity();
        assertThat(accepted.items()).singleElement().satisfies(item -> {
            assertThat(item.outcome()).isEqualTo(Accepted.Outcome.ACCEPTED);
            assertThat(item.assetId()).isEqualTo("EX-7");
        });
        assertThat(quarantined).isEmpty();
    }

    @Test
    void quarantinesTheReadingOfAnUnknownMachineAnswering202OnlyOnceBothAreAcknowledged() {
        // Mapped, but for another client: the crosswalk system is the client's own.
        resolver.map("push:other", "PIN-9", "EX-9");
        EquipmentIdentity unknown = new EquipmentIdentity(null, null, null, "PIN-9", null);
        TelemetryBatch batch = new TelemetryBatch(null,
                List.of(reading("r-1", "EX-1", null), reading("r-2", null, unknown)));

        var answer = resource.ingest(batch, authenticatedAs("acme"), null).toCompletableFuture();
        emitter.acknowledgeAll();
        assertThat(answer).as("waits for the quarantine entry too").isNotDone();
        quarantineAcks.forEach(ack -> ack.complete(null));

        Response response = answer.join();
        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(emitter.sent()).extracting(record -> record.value().getMetadata().getSourceRecordId())
                .containsExactly("r-1");
        QuarantinedEvent entry = quarantined.get(0);
        assertThat(quarantined).hasSize(1);
        assertThat(entry.getReasonCode()).isEqualTo("UNMAPPED_EXTERNAL_ID");
        assertThat(entry.getSourceEndpoint()).isEqualTo("/api/v1/telemetry");
        assertThat(entry.getMetadata().getSourceSystem()).isEqualTo("push:acme");
        assertThat(entry.getMetadata().getEventId())
                .isEqualTo(QuarantineMapper.pushedEventId("push:acme", "reading", "r-2", "UNMAPPED_EXTERNAL_ID"));
        assertThat(entry.getUnresolvedIds()).containsExactly(new ExternalId("push:acme", "equipment", "PIN-9"));
        assertThat(entry.getPayloadText()).contains("\"readingId\":\"r-2\"").contains("\"pin\":\"PIN-9\"");
        Accepted accepted = (Accepted) response.getEntity();
        assertThat(accepted.accepted()).isEqualTo(1);
        assertThat(accepted.quarantined()).isEqualTo(1);
        assertThat(accepted.eventIds()).containsExactly(TelemetryMapper.eventId("push:acme", "r-1"));
        assertThat(accepted.items().get(1)).satisfies(item -> {
            assertThat(item.outcome()).isEqualTo(Accepted.Outcome.QUARANTINED);
            assertThat(item.itemId()).isEqualTo("r-2");
            assertThat(item.eventId()).isEqualTo(TelemetryMapper.eventId("push:acme", "r-2"));
            assertThat(item.quarantineId()).isEqualTo(entry.getMetadata().getEventId());
            assertThat(item.reasonCode()).isEqualTo("UNMAPPED_EXTERNAL_ID");
            assertThat(item.message()).contains("PIN-9").contains("push:acme");
        });
    }

    @Test
    void answers503WhenTheQuarantineEntriesAreNotAcknowledged() {
        var answer = resource.ingest(new TelemetryBatch(null, List.of(reading("r-1", null,
                new EquipmentIdentity(null, null, "SN-UNKNOWN", null, null)))), authenticatedAs("acme"), null)
                .toCompletableFuture();
        quarantineAcks.get(0).completeExceptionally(new IllegalStateException("NOT_ENOUGH_REPLICAS"));

        Response response = answer.join();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((Problem) response.getEntity()).title()).isEqualTo("Readings not acknowledged");
    }

    @Test
    void answers503WithRetryAfterAndPublishesNothingWhileTheCrosswalkIsNotReadYet() {
        resolver.map("push:acme", "PIN-7", "EX-7").ready(false);
        TelemetryBatch batch = new TelemetryBatch(null, List.of(reading("r-1", "EX-1", null),
                reading("r-2", null, new EquipmentIdentity(null, null, null, "PIN-7", null))));

        Response response = ingest(batch, authenticatedAs("acme"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("10");
        assertThat(((Problem) response.getEntity()).type())
                .isEqualTo("https://trestle.dev/problems/crosswalk-not-ready");
        assertThat(emitter.sent()).isEmpty();
        assertThat(quarantined).isEmpty();

        // A batch that names assets only needs no crosswalk.
        var answer = resource.ingest(new TelemetryBatch(null, List.of(reading("r-3", "EX-1", null))),
                authenticatedAs("acme"), null).toCompletableFuture();
        emitter.acknowledgeAll();
        assertThat(answer.join().getStatus()).isEqualTo(202);
    }

    private Response ingest(TelemetryBatch batch, ContainerRequestContext request) {
        return resource.ingest(batch, request, null).toCompletableFuture().join();
    }

    private TelemetryResource resource(String publishTimeout) {
        Map<String, String> settings = Map.of("trestle.equipment-connector.ingest.max-batch-size", "2",
                "trestle.equipment-connector.ingest.max-in-flight-readings", "2",
                "trestle.equipment-connector.ingest.publish-timeout", publishTimeout);
        EquipmentConnectorConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "test", 100))
                .withMapping(EquipmentConnectorConfig.class)
                .build()
                .getConfigMapping(EquipmentConnectorConfig.class);
        PushMachines machines = PushMachines.of(resolver);
        QuarantineSink quarantine = entries -> {
            quarantined.addAll(entries);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            quarantineAcks.add(ack);
            return Optional.of(ack);
        };
        PushIngest ingest = new PushIngest(new PushBatches(config), machines, new PushEventSinks() {

            @Override
            public <E> Optional<CompletableFuture<Void>> tryPublish(PushEventType<?, E> type, List<E> events) {
                throw new UnsupportedOperationException("telemetry has a publisher of its own");
            }
        }, quarantine, config);
        return new TelemetryResource(new TelemetryValidator(config), new TelemetryPublisher(emitter, config), machines,
                ingest);
    }

    private static TelemetryItem reading(String readingId, String assetId, EquipmentIdentity machine) {
        return new TelemetryItem(readingId, assetId, Instant.now().minusSeconds(60), 10.0, null, null, null, null,
                null, null, null, null, null, machine);
    }

    private static TelemetryBatch batch(String... readingIds) {
        return new TelemetryBatch(null, List.of(readingIds).stream()
                .map(id -> new TelemetryItem(id, "EX-1", Instant.now(), 10.0, null, null, null, null, null, null, null,
                        null, null))
                .toList());
    }

    private static ContainerRequestContext authenticatedAs(String client) {
        return requestWithProperties(Map.of(ApiKeyFilter.CLIENT_PROPERTY, client));
    }

    private static ContainerRequestContext unauthenticated() {
        return requestWithProperties(Map.of());
    }

    /** Only the request properties: the resource must not need more of the request than the filter's result. */
    private static ContainerRequestContext requestWithProperties(Map<String, Object> properties) {
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
