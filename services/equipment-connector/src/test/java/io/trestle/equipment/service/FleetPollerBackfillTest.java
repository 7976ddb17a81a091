package io.trestle.equipment.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trestle.equipment.aemp.AempParser;
import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.client.StandInVendor;
import io.trestle.equipment.client.TestVendor;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.service.CycleResult.Outcome;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.testkit.SettableClock;

/**
 * Gaps in the snapshots, after an outage of the vendor or of the connector, filled from the time series before the
 * snapshot reading is published. The stand-in serves the loader's hours as two JSON pages and an out-of-range one, and
 * its fuel used as one XML page; the snapshot before the gap has the loader at 10:10 (fuel), 10:14 (hours) and 10:15
 * (location), the one after at 13:10, 13:14 and 13:15.
 */
class FleetPollerBackfillTest {

    private static final String LOADER = "RXL40000000000001";
    private static final String ASSET = "EX-LOADER";
    private static final Instant HOURS_BEFORE = Instant.parse("2024-03-04T10:14:00Z");
    private static final Instant HOURS_AFTER = Instant.parse("2024-03-04T13:14:00Z");
    private static final Instant FUEL_BEFORE = Instant.parse("2024-03-04T10:10:00Z");
    private static final Instant FUEL_AFTER = Instant.parse("2024-03-04T13:10:00Z");
    private static final String HOURS_1 = StandInVendor.timeSeriesPage(LOADER, "CumulativeOperatingHours",
            HOURS_BEFORE, HOURS_AFTER, 1);
    private static final String HOURS_2 = StandInVendor.timeSeriesPage(LOADER, "CumulativeOperatingHours",
            HOURS_BEFORE, HOURS_AFTER, 2);
    private static final String HOURS_3 = StandInVendor.timeSeriesPage(LOADER, "CumulativeOperatingHours",
            HOURS_BEFORE, HOURS_AFTER, 3);
    private static final String FUEL_1 = StandInVendor.timeSeriesPage(LOADER, "FuelUsed", FUEL_BEFORE, FUEL_AFTER, 1);
    /** Longer than the default request budget of 15 minutes, so each cycle may fetch every page again. */
    private static final Duration NEXT_CYCLE = Duration.ofMinutes(16);
    /** Every reading in the gap, oldest first, then the snapshot's, as {@code element@time}. */
    private static final List<String> GAP_THEN_SNAPSHOT = List.of(
            "hours 1205.0@2024-03-04T10:44:00Z", "fuel 8030.0@2024-03-04T11:10:00Z",
            "hours 1205.5@2024-03-04T11:14:00Z", "hours 1206.0@2024-03-04T11:44:00Z",
            "fuel 8060.0@2024-03-04T12:10:00Z", "hours 1206.5@2024-03-04T12:14:00Z",
            "hours 1207.0@2024-03-04T12:44:00Z",
            "fuel 8090.0@2024-03-04T13:10:00Z", "hours 1207.5@2024-03-04T13:14:00Z", "location@2024-03-04T13:15:00Z");

    private final StandInVendor vendor = new StandInVendor()
            .page("Fleet/1", "backfill/fleet-before.json")
            .timeSeries(LOADER, "CumulativeOperatingHours", HOURS_BEFORE, HOURS_AFTER, "backfill/hours-page-1.json",
                    "backfill/hours-page-2.json", "backfill/hours-page-3-out-of-range.json")
            .timeSeries(LOADER, "FuelUsed", FUEL_BEFORE, FUEL_AFTER, "backfill/fuel-page-1.xml");
    private final SettableClock clock = new SettableClock(Instant.parse("2024-03-04T10:30:00Z"));
    private final InMemoryMachineResolver resolver = new InMemoryMachineResolver().map(LOADER, ASSET);
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
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler warningsOfThePoller = new Handler() {

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        vendor.close();
        Logger.getLogger(FleetPoller.class.getName()).removeHandler(warningsOfThePoller);
    }

    @Test
    void afterAThreeHourVendorOutageEveryReadingOfTheGapIsPublishedOnceInOrderBeforeTheNewSnapshotReading() {
        FleetPoller poller = poller(TestVendor.at(vendor.baseUrl()));
        assertThat(poller.cycle().readingsPublished()).isEqualTo(3);
        published.clear();

        vendor.down(503);
        Instant recovery = clock.instant().plus(Duration.ofHours(3));
        int outageCycles = 0;
        while (clock.instant().isBefore(recovery)) {
            clock.advance(Duration.ofMinutes(15));
            CycleResult failed = poller.cycle();
            outageCycles++;
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains("503"));
        }
        assertThat(published).isEmpty();
        assertThat(vendor.requestsFor("Fleet/1")).isEqualTo(1 + outageCycles);

        vendor.up().page("Fleet/1", "backfill/fleet-after-outage.json");
        clock.advance(Duration.ofMinutes(15));
        CycleResult recovered = poller.cycle();

        assertThat(recovered.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(describe(published)).containsExactlyElementsOf(GAP_THEN_SNAPSHOT);
        assertThat(published).extracting(r -> r.getMetadata().getEventId()).doesNotHaveDuplicates();
        assertThat(recovered.readingsBackfilled()).isEqualTo(7);
        assertThat(recovered.readingsPublished()).isEqualTo(10);
        assertThat(recovered.backfillsPending()).isZero();
        assertThat(poller.status().readingsBackfilled()).isEqualTo(7);
        assertThat(poller.status().backfillsCapped()).isZero();
        // Each page once; the out-of-range page ended the hours.
        assertThat(List.of(HOURS_1, HOURS_2, HOURS_3, FUEL_1)).allSatisfy(
                page -> assertThat(vendor.requestsFor(page)).as(page).isEqualTo(1));
        assertThat(positions.of("acme", ASSET, "operatingHours")).contains(HOURS_AFTER);
        assertThat(positions.of("acme", ASSET, "fuelUsed")).contains(FUEL_AFTER);

        clock.advance(NEXT_CYCLE);
        CycleResult repeat = poller.cycle();
        assertThat(repeat.readingsPublished()).isZero();
        assertThat(published).hasSize(GAP_THEN_SNAPSHOT.size());
        assertThat(vendor.requestsFor(HOURS_1)).isEqualTo(1);
    }

    @Test
    void aPollerStartedAfterTheConnectorsOwnOutageBackfillsFromTheStoredPositionsAndRepublishesNothing() {
        assertThat(poller(TestVendor.at(vendor.baseUrl())).cycle().readingsPublished()).isEqualTo(3);
        published.clear();

        // The connector was down for three hours; a new process starts over the same positions.
        clock.advance(Duration.ofHours(3).plusMinutes(15));
        vendor.page("Fleet/1", "backfill/fleet-after-outage.json");
        CycleResult afterRestart = poller(TestVendor.at(vendor.baseUrl())).cycle();

        assertThat(afterRestart.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(describe(published)).containsExactlyElementsOf(GAP_THEN_SNAPSHOT);

        // And once more, with nothing new at the vendor: neither the snapshot nor a time series is asked again.
        clock.advance(NEXT_CYCLE);
        int requestsBefore = vendor.requests().size();
        FleetPoller restartedAgain = poller(TestVendor.at(vendor.baseUrl()));
        CycleResult quiet = restartedAgain.cycle();

        assertThat(quiet.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(quiet.readingsPublished()).isZero();
        assertThat(published).hasSize(GAP_THEN_SNAPSHOT.size());
        assertThat(vendor.requests().subList(requestsBefore, vendor.requests().size()))
                .extracting(StandInVendor.Request::path).containsExactly("/fleet-42/Fleet/1");
    }

    @Test
    void aBackfillThe429InterruptsHoldsBackItsSnapshotReadingsAndResumesWithoutAskingAnyPageTwiceNeedlessly() {
        FleetPoller poller = poller(TestVendor.at(vendor.baseUrl()));
        poller.cycle();
        published.clear();
        clock.advance(Duration.ofHours(3).plusMinutes(15));
        vendor.page("Fleet/1", "backfill/fleet-after-outage.json").once(HOURS_2, 429, Map.of("Retry-After", "600"));

        CycleResult throttled = poller.cycle();

        assertThat(throttled.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(throttled.backfillsPending()).isEqualTo(2);
        assertThat(poller.status().backfillsPending()).isEqualTo(2);
        // Only the location, which no back-fill holds: the hours and fuel of 13:10 and 13:14 wait for their gaps.
        assertThat(describe(published)).containsExactly("location@2024-03-04T13:15:00Z");
        // Throttled: the fuel series was not even asked for.
        assertThat(vendor.requestsFor(FUEL_1)).isZero();
        assertThat(positions.of("acme", ASSET, "operatingHours")).contains(HOURS_BEFORE);
        assertThat(positions.of("acme", ASSET, "fuelUsed")).contains(FUEL_BEFORE);

        clock.advance(Duration.ofMinutes(5));
        CycleResult stillThrottled = poller.cycle();
        assertThat(stillThrottled.outcome()).isEqualTo(Outcome.DEFERRED);
        assertThat(stillThrottled.retryNotBefore()).contains(clock.instant().plus(Duration.ofMinutes(10)));

        clock.advance(Duration.ofMinutes(11));
        CycleResult resumed = poller.cycle();

        assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(resumed.backfillsPending()).isZero();
        assertThat(describe(published)).containsExactly("location@2024-03-04T13:15:00Z",
                "hours 1205.0@2024-03-04T10:44:00Z", "fuel 8030.0@2024-03-04T11:10:00Z",
                "hours 1205.5@2024-03-04T11:14:00Z", "hours 1206.0@2024-03-04T11:44:00Z",
                "fuel 8060.0@2024-03-04T12:10:00Z", "hours 1206.5@2024-03-04T12:14:00Z",
                "hours 1207.0@2024-03-04T12:44:00Z", "fuel 8090.0@2024-03-04T13:10:00Z",
                "hours 1207.5@2024-03-04T13:14:00Z");
        assertThat(vendor.requestsFor("Fleet/1")).isEqualTo(3);
        // Page 1 read once, kept across the cycles; page 2 refused once and then read.
        assertThat(vendor.requestsFor(HOURS_1)).isEqualTo(1);
        assertThat(vendor.requestsFor(HOURS_2)).isEqualTo(2);
        assertThat(vendor.requestsFor(HOURS_3)).isEqualTo(1);
        assertThat(vendor.requestsFor(FUEL_1)).isEqualTo(1);
        assertThat(poller.status().requestsMade()).isEqualTo(vendor.requests().size());
    }

    @Test
    void aVendorErrorInOneSeriesHoldsBackOnlyThatElementAndIsReportedUntilTheNextCycleFillsTheGap() {
        FleetPoller poller = poller(TestVendor.at(vendor.baseUrl()));
        poller.cycle();
        published.clear();
        clock.advance(Duration.ofHours(3).plusMinutes(15));
        vendor.page("Fleet/1", "backfill/fleet-after-outage.json").once(FUEL_1, 500, Map.of());

        CycleResult failedFuel = poller.cycle();

        assertThat(failedFuel.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(failedFuel.backfillsPending()).isEqualTo(1);
        assertThat(describe(published)).containsExactly("hours 1205.0@2024-03-04T10:44:00Z",
                "hours 1205.5@2024-03-04T11:14:00Z", "hours 1206.0@2024-03-04T11:44:00Z",
                "hours 1206.5@2024-03-04T12:14:00Z", "hours 1207.0@2024-03-04T12:44:00Z",
                "hours 1207.5@2024-03-04T13:14:00Z", "location@2024-03-04T13:15:00Z");
        assertThat(poller.status().lastBackfillError()).hasValueSatisfying(error -> assertThat(error)
                .contains("FuelUsed of asset " + ASSET, FUEL_1, "HTTP 500"));

        clock.advance(NEXT_CYCLE);
        CycleResult filled = poller.cycle();

        assertThat(filled.backfillsPending()).isZero();
        assertThat(describe(published.subList(7, published.size()))).containsExactly(
                "fuel 8030.0@2024-03-04T11:10:00Z", "fuel 8060.0@2024-03-04T12:10:00Z",
                "fuel 8090.0@2024-03-04T13:10:00Z");
        assertThat(vendor.requestsFor(HOURS_1)).isEqualTo(1);
    }

    @Test
    void aGapLongerThanBackfillMaxIsFilledOnlyThatFarBackWithAWarningAndAnEntryInTheStatus() {
        Logger.getLogger(FleetPoller.class.getName()).addHandler(warningsOfThePoller);
        TestVendor profile = TestVendor.at(vendor.baseUrl()).backfill(Duration.ofHours(1), Duration.ofHours(2),
                "CumulativeOperatingHours");
        Instant capStart = HOURS_AFTER.minus(Duration.ofHours(2));
        vendor.timeSeries(LOADER, "CumulativeOperatingHours", capStart, HOURS_AFTER, "backfill/hours-capped.json");
        FleetPoller poller = poller(profile);
        poller.cycle();
        published.clear();
        clock.advance(Duration.ofHours(3).plusMinutes(15));
        vendor.page("Fleet/1", "backfill/fleet-after-outage.json");

        CycleResult capped = poller.cycle();

        assertThat(capped.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(describe(published)).containsExactly("hours 1205.5@2024-03-04T11:14:00Z",
                "hours 1206.0@2024-03-04T11:44:00Z", "hours 1206.5@2024-03-04T12:14:00Z",
                "hours 1207.0@2024-03-04T12:44:00Z", "fuel 8090.0@2024-03-04T13:10:00Z",
                "hours 1207.5@2024-03-04T13:14:00Z", "location@2024-03-04T13:15:00Z");
        assertThat(vendor.requestsFor(HOURS_1)).as("the full gap is not asked for").isZero();
        VendorStatus status = poller.status();
        assertThat(status.backfillsCapped()).isEqualTo(1);
        String expected = "Gap in CumulativeOperatingHours of asset EX-LOADER from 2024-03-04T10:14:00Z to "
                + "2024-03-04T13:14:00Z back-filled from 2024-03-04T11:14:00Z only (backfill-max PT2H)";
        assertThat(status.lastBackfillCap()).hasValueSatisfying(cap -> assertThat(cap).startsWith(expected));
        synchronized (warnings) {
            assertThat(warnings).extracting(FleetPollerBackfillTest::text).anySatisfy(
                    message -> assertThat(message).contains(expected));
        }
    }

    @Test
    void aGapWithinBackfillAfterAsksForNoTimeSeries() {
        TestVendor profile = TestVendor.at(vendor.baseUrl()).backfill(Duration.ofHours(4), Duration.ofDays(7),
                "CumulativeOperatingHours", "FuelUsed");
        FleetPoller poller = poller(profile);
        poller.cycle();
        published.clear();
        clock.advance(Duration.ofHours(3).plusMinutes(15));
        vendor.page("Fleet/1", "backfill/fleet-after-outage.json");

        CycleResult result = poller.cycle();

        assertThat(describe(published)).containsExactly("fuel 8090.0@2024-03-04T13:10:00Z",
                "hours 1207.5@2024-03-04T13:14:00Z", "location@2024-03-04T13:15:00Z");
        assertThat(result.readingsBackfilled()).isZero();
        assertThat(vendor.requests()).extracting(StandInVendor.Request::path).containsOnly("/fleet-42/Fleet/1");
    }

    @Test
    void aBackfilledReadingTheValidatorRefusesIsQuarantinedNamingItsPageAndTheSnapshotStillFollows() {
        String invalidPage = """
                [{"CumulativeOperatingHours": [
                    {"Hour": 1205.0, "datetime": "2024-03-04T10:44:00"},
                    {"Hour": -1, "datetime": "2024-03-04T11:14:00"}]}]
                """;
        vendor.serve(StandInVendor.PREFIX + HOURS_1, invalidPage, "application/json");
        TestVendor profile = TestVendor.at(vendor.baseUrl()).backfill(Duration.ofHours(1), Duration.ofDays(7),
                "CumulativeOperatingHours");
        FleetPoller poller = poller(profile);
        poller.cycle();
        published.clear();
        clock.advance(Duration.ofHours(3).plusMinutes(15));
        vendor.page("Fleet/1", "backfill/fleet-after-outage.json");

        CycleResult result = poller.cycle();

        assertThat(result.backfillsPending()).isZero();
        assertThat(describe(published)).containsExactly("hours 1205.0@2024-03-04T10:44:00Z",
                "fuel 8090.0@2024-03-04T13:10:00Z", "hours 1207.5@2024-03-04T13:14:00Z",
                "location@2024-03-04T13:15:00Z");
        assertThat(quarantined).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("NEGATIVE_VALUE");
            assertThat(entry.getSourceEndpoint()).isEqualTo(vendor.baseUrl().resolve(HOURS_1).toString());
        });
    }

    @Test
    void theDryRunIsToldWhichBackfillsACycleWouldRunWithoutAnythingFetched() {
        FleetPoller poller = poller(TestVendor.at(vendor.baseUrl()).backfill(Duration.ofHours(1), Duration.ofHours(2),
                "CumulativeOperatingHours", "CumulativeFuelUsed"));
        poller.cycle();
        int requests = vendor.requests().size();
        List<TelemetryItem> after = new AempParser()
                .parseFleet(fixture("backfill/fleet-after-outage.json"), "application/json").equipment().get(0)
                .readings();

        List<Backfill.Window> due = poller.backfillsDue(ASSET, after);

        assertThat(due).extracting(w -> w.resource().name() + " " + w.from() + ".." + w.to() + " " + w.capped())
                .containsExactly("CumulativeOperatingHours 2024-03-04T11:14:00Z..2024-03-04T13:14:00Z true",
                        "CumulativeFuelUsed 2024-03-04T11:10:00Z..2024-03-04T13:10:00Z true");
        assertThat(poller.backfillsDue("EX-NEVER-PUBLISHED", after)).isEmpty();
        assertThat(vendor.requests()).hasSize(requests);
        assertThat(poller.status().backfillsCapped()).isZero();
    }

    private static String fixture(String name) {
        try (InputStream in = FleetPollerBackfillTest.class.getResourceAsStream("/aemp/polling/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FleetPoller poller(TestVendor profile) {
        return new FleetPoller("acme", profile, AempClient.of("acme", profile, clock), resolver,
                new TelemetryValidator(clock, 1000, Duration.ofMinutes(5)), publisher, quarantine, positions, clock,
                Duration.ofSeconds(5), 1000);
    }

    /** JBoss LogManager keeps the printf format and its parameters apart; JUL's own records hold the text. */
    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    /** A reading as its one element and time, which is what these readings hold. */
    static List<String> describe(List<TelemetryReading> readings) {
        return readings.stream().map(r -> {
            if (r.getCumulativeOperatingHours() != null) {
                return "hours " + r.getCumulativeOperatingHours() + "@" + r.getReadingTime();
            }
            if (r.getCumulativeFuelUsed() != null) {
                return "fuel " + r.getCumulativeFuelUsed().getValue() + "@" + r.getReadingTime();
            }
            return (r.getLocation() != null ? "location" : "other") + "@" + r.getReadingTime();
        }).toList();
    }
}
