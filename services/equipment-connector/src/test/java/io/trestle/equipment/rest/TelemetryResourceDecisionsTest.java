package io.trestle.equipment.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.messaging.FakeEmitter;
import io.trestle.equipment.messaging.TelemetryPublisher;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;

/**
 * The resource's own decisions, without HTTP: what it does when the filter did not run, and how it answers for each way
 * the broker can fail to acknowledge. The wire behaviour is covered by {@link TelemetryResourceTest}.
 */
class TelemetryResourceDecisionsTest {

    private final FakeEmitter emitter = new FakeEmitter();
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
        return new TelemetryResource(new TelemetryValidator(config), new TelemetryPublisher(emitter, config), config);
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
