package io.trestle.equipment.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.client.StandInVendor;
import io.trestle.equipment.client.TestVendor;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.service.CycleResult.Outcome;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.testkit.SettableClock;

class FleetPollerTest {

    private static final String LOADER = "RXL40000000000001";
    private static final String HAULER = "CAT0745C3T600123";
    private static final String UNKNOWN = "RXS20000000000099";
    /** Longer than the default request budget of 15 minutes, so each cycle may fetch every page again. */
    private static final Duration NEXT_CYCLE = Duration.ofMinutes(16);

    private final StandInVendor vendor = new StandInVendor()
            .page("Fleet/1", "fleet-page-1.json")
            .page("Fleet/2", "fleet-page-2.xml");
    private final SettableClock clock = new SettableClock(Instant.parse("2024-03-04T12:00:00Z"));
    private final InMemoryMachineResolver resolver = new InMemoryMachineResolver()
            .map(LOADER, "EX-LOADER").map(HAULER, "EX-HAULER");
    private final List<TelemetryReading> published = new ArrayList<>();
    private final ReadingPublisher publisher = readings -> {
        published.addAll(readings);
        return Optional.of(CompletableFuture.completedFuture(null));
    };
    private final List<QuarantinedEvent> quarantined = new ArrayList<>();
    private final QuarantineSink quarantine = events -> {
        quarantined.addAll(events);
        return Optional.of(CompletableFuture.completedFuture(null));
    };
    private final InMemoryPollPositions positions = new InMemoryPollPositions();
    private final FleetPoller poller = poller(TestVendor.at(vendor.baseUrl()), publisher, quarantine, positions);

    @AfterEach
    void stopVendor() {
        vendor.close();
    }

    @Test
    void followsRelativeLinksToTheLastPageAndPublishesEveryResolvedReadingKeyedByAsset() {
        CycleResult result = poller.cycle();

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.pagesFetched()).isEqualTo(2);
        // Page 2 links next to itself: read once, and the cycle ends there.
        assertThat(vendor.requests()).extracting(StandInVendor.Request::path)
                .containsExactly("/fleet-42/Fleet/1", "/fleet-42/Fleet/2");
        assertThat(published).extracting(r -> r.getAssetId() + "@" + r.getReadingTime())
                .containsExactly("EX-LOADER@2024-03-04T10:14:00Z", "EX-LOADER@2024-03-04T10:15:00Z",
                        "EX-HAULER@2024-03-04T10:00:00Z");
        TelemetryReading hours = published.get(0);
        assertThat(hours.getCumulativeOperatingHours()).isEqualTo(1204.5);
        assertThat(hours.getMetadata().getSourceSystem()).isEqualTo("aemp:acme");
        assertThat(hours.getMetadata().getResolvedFrom())
                .containsExactly(new ExternalId("aemp:acme", "equipment", "RXL40000000000001"));
        assertThat(hours.getMetadata().getEventId())
                .isEqualTo(TelemetryMapper.eventId("aemp:acme", hours.getMetadata().getSourceRecordId()));
        assertThat(published.get(1).getLocation().getLatitude()).isEqualTo(48.1);
        assertThat(result.readingsPublished()).isEqualTo(3);
    }

    @Test
    void publishesEachReadingOnceWhenTheSnapshotRepeatsAndOnlyTheChangedElementWhenItMoves() {
        poller.cycle();
        clock.advance(NEXT_CYCLE);
        CycleResult repeat = poller.cycle();

        assertThat(repeat.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(repeat.pagesFetched()).isEqualTo(2);
        assertThat(repeat.readingsPublished()).isZero();
        assertThat(published).hasSize(3);

        // An hour later the loader's hours moved on; its location did not.
        vendor.page("Fleet/1", "fleet-page-1-an-hour-later.json");
        clock.advance(NEXT_CYCLE);
        CycleResult later = poller.cycle();

        assertThat(later.readingsPublished()).isEqualTo(1);
        assertThat(published.get(3).getAssetId()).isEqualTo("EX-LOADER");
        assertThat(published.get(3).getReadingTime()).isEqualTo(Instant.parse("2024-03-04T11:14:00Z"));
        assertThat(published.get(3).getCumulativeOperatingHours()).isEqualTo(1205.5);
    }

    @Test
    void machineUnknownToTheCrosswalkIsReportedWithItsReadingsAndNotPublished() {
        CycleResult result = poller.cycle();

        assertThat(result.unresolved()).singleElement().satisfies(machine -> {
            assertThat(machine.identity().pin()).isEqualTo(UNKNOWN);
            assertThat(machine.readings()).singleElement()
                    .satisfies(reading -> assertThat(reading.cumulativeOperatingHours()).isEqualTo(77.0));
        });
        assertThat(published).extracting(TelemetryReading::getAssetId).doesNotContainNull()
                .containsOnly("EX-LOADER", "EX-HAULER");
        assertThat(poller.status().unresolvedMachines()).isEqualTo(1);
    }

    @Test
    void readingOfAMachineUnknownToTheCrosswalkIsQuarantinedWithItsIdsOnceThoughTheSnapshotRepeatsIt()
            throws Exception {
        CycleResult result = poller.cycle();

        assertThat(result.readingsQuarantined()).isEqualTo(1);
        QuarantinedEvent event = quarantined.get(0);
        assertThat(quarantined).hasSize(1);
        assertThat(event.getReasonCode()).isEqualTo("UNMAPPED_EXTERNAL_ID");
        assertThat(event.getUnresolvedIds()).containsExactly(new ExternalId("aemp:acme", "equipment", UNKNOWN));
        assertThat(event.getMessage()).contains("PIN " + UNKNOWN, "aemp:acme");
        assertThat(event.getPointer()).isNull();
        assertThat(event.getDetectedBy()).isEqualTo("equipment-connector");
        assertThat(event.getSourceEndpoint()).isEqualTo(vendor.baseUrl().resolve("Fleet/1").toString());
        assertThat(event.getContentType()).isEqualTo("application/json");
        assertThat(StandardCharsets.UTF_8.decode(event.getPayload()).toString()).isEqualTo(event.getPayloadText());
        JsonNode payload = new ObjectMapper().readTree(event.getPayloadText());
        assertThat(payload.at("/machine/pin").asText()).isEqualTo(UNKNOWN);
        assertThat(payload.at("/machine/model").asText()).isEqualTo("sweeper-s2");
        assertThat(payload.at("/reading/cumulativeOperatingHours").asDouble()).isEqualTo(77.0);
        assertThat(payload.at("/reading/readingTime").asText()).isEqualTo("2024-03-04T09:00:00Z");
        assertThat(event.getFirstSeenAt()).isEqualTo(clock.instant());
        assertThat(event.getAttempt()).isEqualTo(1);
        String readingId = result.unresolved().get(0).readings().get(0).readingId();
        assertThat(event.getMetadata().getSourceSystem()).isEqualTo("aemp:acme");
        assertThat(event.getMetadata().getSourceRecordId()).isEqualTo(readingId);
        assertThat(event.getMetadata().getEventId())
                .isEqualTo(QuarantineMapper.eventId("aemp:acme", readingId, "UNMAPPED_EXTERNAL_ID"));

        clock.advance(NEXT_CYCLE);
        CycleResult repeat = poller.cycle();

        assertThat(repeat.unresolved()).hasSize(1);
        assertThat(repeat.readingsQuarantined()).isZero();
        assertThat(quarantined).hasSize(1);
        assertThat(poller.status().readingsQuarantined()).isEqualTo(1);
    }

    @Test
    void invalidReadingIsQuarantinedWithTheValidatorsReasonAndFieldWhileItsNeighboursArePublished() throws Exception {
        vendor.page("Fleet/1", "fleet-page-1-negative-hours.json");

        CycleResult result = poller.cycle();

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(published).extracting(r -> r.getAssetId() + "@" + r.getReadingTime())
                .containsExactly("EX-LOADER@2024-03-04T10:15:00Z", "EX-HAULER@2024-03-04T10:00:00Z");
        assertThat(result.readingsInvalid()).isEqualTo(1);
        assertThat(quarantined).extracting(QuarantinedEvent::getReasonCode)
                .containsExactlyInAnyOrder("NEGATIVE_VALUE", "UNMAPPED_EXTERNAL_ID");
        QuarantinedEvent negative = quarantined.stream().filter(e -> e.getReasonCode().equals("NEGATIVE_VALUE"))
                .findFirst().orElseThrow();
        assertThat(negative.getPointer()).isEqualTo("/reading/cumulativeOperatingHours");
        assertThat(negative.getMessage())
                .isEqualTo("cumulativeOperatingHours must be between 0 and 1000000, was -12.5");
        assertThat(negative.getUnresolvedIds()).isEmpty();
        JsonNode payload = new ObjectMapper().readTree(negative.getPayloadText());
        assertThat(payload.at(negative.getPointer()).asDouble()).isEqualTo(-12.5);
        assertThat(payload.at("/reading/assetId").asText()).isEqualTo("EX-LOADER");
        assertThat(payload.at("/machine/pin").asText()).isEqualTo(LOADER);
        assertThat(result.readingsQuarantined()).isEqualTo(2);
    }

    @Test
    void aQuarantineTheBrokerDidNotAcknowledgeFailsTheCycleAndIsSentAgainByTheNext() {
        boolean[] brokerDown = {true};
        List<QuarantinedEvent> acknowledged = new ArrayList<>();
        FleetPoller flaky = poller(TestVendor.at(vendor.baseUrl()), publisher, events -> {
            if (brokerDown[0]) {
                return Optional.of(CompletableFuture.failedFuture(new IllegalStateException("broker down")));
            }
            acknowledged.addAll(events);
            return Optional.of(CompletableFuture.completedFuture(null));
        }, positions);

        CycleResult failed = flaky.cycle();
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains("quarantined readings"));

        brokerDown[0] = false;
        clock.advance(NEXT_CYCLE);
        assertThat(flaky.cycle().readingsQuarantined()).isEqualTo(1);
        assertThat(acknowledged).extracting(e -> e.getUnresolvedIds().get(0).getValue()).containsExactly(UNKNOWN);
    }

    @Test
    void skipsTheCycleWithoutARequestUntilTheCrosswalkIsReady() {
        resolver.ready(false);

        assertThat(poller.cycle().outcome()).isEqualTo(Outcome.CROSSWALK_NOT_READY);
        assertThat(vendor.requests()).isEmpty();
        assertThat(published).isEmpty();

        resolver.ready(true);
        assertThat(poller.cycle().readingsPublished()).isEqualTo(3);
    }

    @Test
    void resumesAtThePageTheVendorThrottledOnceRetryAfterHasPassed() {
        vendor.once("Fleet/2", 429, Map.of("Retry-After", "120"));

        CycleResult throttled = poller.cycle();
        assertThat(throttled.outcome()).isEqualTo(Outcome.DEFERRED);
        assertThat(throttled.retryNotBefore()).contains(clock.instant().plusSeconds(120));
        assertThat(throttled.readingsPublished()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(60));
        assertThat(poller.cycle().outcome()).isEqualTo(Outcome.DEFERRED);
        assertThat(vendor.requestsFor("Fleet/2")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        CycleResult resumed = poller.cycle();
        assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(resumed.pagesFetched()).isEqualTo(1);
        assertThat(vendor.requestsFor("Fleet/1")).isEqualTo(1);
        assertThat(vendor.requestsFor("Fleet/2")).isEqualTo(2);
        assertThat(published).hasSize(3);
    }

    @Test
    void aFailedPublishLeavesTheReadingsNewForTheNextCycle() {
        List<TelemetryReading> acknowledged = new ArrayList<>();
        boolean[] brokerDown = {true};
        FleetPoller flaky = poller(TestVendor.at(vendor.baseUrl()), readings -> {
            if (brokerDown[0]) {
                return Optional.of(CompletableFuture.failedFuture(new IllegalStateException("broker down")));
            }
            acknowledged.addAll(readings);
            return Optional.of(CompletableFuture.completedFuture(null));
        }, quarantine, positions);

        CycleResult failed = flaky.cycle();
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(flaky.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("broker down"));

        brokerDown[0] = false;
        clock.advance(NEXT_CYCLE);
        assertThat(flaky.cycle().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(acknowledged).hasSize(3);
        assertThat(flaky.status().lastSuccessfulCycle()).contains(clock.instant());
        assertThat(flaky.status().readingsPublished()).isEqualTo(3);
        assertThat(flaky.status().requestsMade()).isEqualTo(3);
    }

    @Test
    void nextCycleComesWhenTheDeferredRequestIsAllowedButNeverLaterThanTheInterval() {
        Instant now = Instant.parse("2024-03-04T12:00:00Z");
        Duration interval = Duration.ofMinutes(15);
        assertThat(VendorPolling.nextDelay(deferredUntil(now.plusSeconds(90)), interval, now))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(VendorPolling.nextDelay(deferredUntil(now.plus(Duration.ofHours(1))), interval, now))
                .isEqualTo(interval);
        assertThat(VendorPolling.nextDelay(new CycleResult(Outcome.CROSSWALK_NOT_READY, 0, 0, 0, 0, 0, 0, List.of(),
                Optional.empty(), Optional.empty()), interval, now)).isEqualTo(VendorPolling.NOT_READY_RETRY);
        assertThat(VendorPolling.nextDelay(new CycleResult(Outcome.POSITIONS_NOT_READY, 0, 0, 0, 0, 0, 0, List.of(),
                Optional.empty(), Optional.empty()), interval, now)).isEqualTo(VendorPolling.NOT_READY_RETRY);
    }

    @Test
    void asksForThePageSizeOnTheFirstPageOnlyAndFollowsTheVendorsLinksAsTheyAre() {
        FleetPoller paged = poller(TestVendor.at(vendor.baseUrl()).pageSize(50, "limit"), publisher, quarantine,
                positions);

        assertThat(paged.cycle().outcome()).isEqualTo(Outcome.COMPLETED);

        assertThat(vendor.requests()).extracting(r -> r.path() + (r.query() == null ? "" : "?" + r.query()))
                .containsExactly("/fleet-42/Fleet/1?limit=50", "/fleet-42/Fleet/2");
    }

    @Test
    void aRestartedPollerDoesNotPublishTheSnapshotAgain() {
        poller.cycle();
        assertThat(positions.of("acme", "EX-LOADER", "operatingHours"))
                .contains(Instant.parse("2024-03-04T10:14:00Z"));
        assertThat(positions.of("acme", "EX-LOADER", "location")).contains(Instant.parse("2024-03-04T10:15:00Z"));

        clock.advance(NEXT_CYCLE);
        FleetPoller restarted = poller(TestVendor.at(vendor.baseUrl()), publisher, quarantine, positions);
        CycleResult afterRestart = restarted.cycle();

        assertThat(afterRestart.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(afterRestart.readingsPublished()).isZero();
        assertThat(published).hasSize(3);
    }

    @Test
    void waitsWithoutARequestUntilThePositionsAreReadAndStoresNothingTheBrokerDidNotTake() {
        positions.ready(false);

        assertThat(poller.cycle().outcome()).isEqualTo(Outcome.POSITIONS_NOT_READY);
        assertThat(vendor.requests()).isEmpty();

        positions.ready(true);
        FleetPoller brokerDown = poller(TestVendor.at(vendor.baseUrl()), readings -> Optional
                .of(CompletableFuture.failedFuture(new IllegalStateException("broker down"))), quarantine, positions);
        assertThat(brokerDown.cycle().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(positions.load("acme")).isEmpty();
    }

    @Test
    void positionsTheStoreDidNotTakeAreStoredWithTheNextSave() {
        positions.failing(true);
        CycleResult failed = poller.cycle();
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains("poll positions"));
        // Published and acknowledged: the readings are not published again, their positions are kept for later.
        assertThat(published).hasSize(2);

        positions.failing(false);
        clock.advance(NEXT_CYCLE);
        assertThat(poller.cycle().outcome()).isEqualTo(Outcome.COMPLETED);

        assertThat(published).hasSize(3);
        assertThat(positions.of("acme", "EX-LOADER", "operatingHours"))
                .contains(Instant.parse("2024-03-04T10:14:00Z"));
        assertThat(positions.of("acme", "EX-HAULER", "operatingHours"))
                .contains(Instant.parse("2024-03-04T10:00:00Z"));
    }

    private FleetPoller poller(TestVendor profile, ReadingPublisher readings, QuarantineSink quarantined,
            PollPositions store) {
        return new FleetPoller("acme", profile, AempClient.of("acme", profile, clock), resolver,
                new TelemetryValidator(clock, 1000, Duration.ofMinutes(5)), readings, quarantined, store, clock,
                Duration.ofSeconds(5), 1000);
    }

    private static CycleResult deferredUntil(Instant until) {
        return new CycleResult(Outcome.DEFERRED, 0, 0, 0, 0, 0, 0, List.of(), Optional.of(until), Optional.empty());
    }
}
