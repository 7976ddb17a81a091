package io.trestle.equipment.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.equipment.aemp.SharedSamples;
import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.client.StandInVendor;
import io.trestle.equipment.client.TestVendor;
import io.trestle.equipment.identity.InMemoryMachineResolver;
import io.trestle.equipment.service.CycleResult.Outcome;
import io.trestle.equipment.service.PollPositions.Position;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.testkit.SettableClock;

/**
 * Back-fills from Bosch Rexroth's published time-series sample ({@link SharedSamples}), served at the path its own
 * {@code self} link names: the window the poller asks for is the one of the recorded request, so the request must take
 * exactly the recorded form. The sample elides entries with a literal {@code ...}; with that line removed it is the
 * page Bosch sends, and its {@code next} link leads to Bosch's out-of-range page, which ends the series.
 */
class BoschTimeSeriesBackfillTest {

    private static final String FLEET = "/pvz1481:fleet__bc420002fbqv8d/";
    private static final String PIN = "SNP50123123456789";
    private static final String ASSET = "EX-SWEEPER";
    /** The recorded window: what was published up to, and the snapshot's reading after it. */
    private static final Instant PUBLISHED_UP_TO = Instant.parse("2023-05-12T00:00:00Z");
    private static final String SNAPSHOT = """
            [{"Equipment": [{
                "CumulativeOperatingHours": {"datetime": "2023-05-12T23:59:00.000Z", "Hour": 9},
                "EquipmentHeader": {"OEMName": "Rexroth", "Model": "sweeperx200", "EquipmentID": "sn50123",
                                    "PIN": "SNP50123123456789"}}],
              "links": [{"rel": "self", "href": "/pvz1481:fleet__bc420002fbqv8d/Fleet/1"},
                        {"rel": "next", "href": "/pvz1481:fleet__bc420002fbqv8d/Fleet/1"}]}]
            """;

    private final StandInVendor vendor = new StandInVendor().serve(FLEET + "Fleet/1", SNAPSHOT, "application/json");
    private final URI baseUrl = vendor.baseUrl().resolve(FLEET);
    private final SettableClock clock = new SettableClock(Instant.parse("2023-05-13T00:10:00Z"));
    private final InMemoryPollPositions positions = new InMemoryPollPositions();
    private final List<TelemetryReading> published = new ArrayList<>();
    private final FleetPoller poller = new FleetPoller("bosch", TestVendor.at(baseUrl),
            AempClient.of("bosch", TestVendor.at(baseUrl), clock), new InMemoryMachineResolver().map(PIN, ASSET),
            new TelemetryValidator(clock, 1000, Duration.ofMinutes(5)), readings -> {
                published.addAll(readings);
                return Optional.of(CompletableFuture.completedFuture(null));
            }, events -> Optional.of(CompletableFuture.completedFuture(null)), positions, clock,
            Duration.ofSeconds(5), 1000);

    @AfterEach
    void stopVendor() {
        vendor.close();
    }

    @Test
    void theSampleSeriesIsAskedForInItsRecordedFormAndPublishedBeforeTheSnapshotReading() throws Exception {
        String sample = SharedSamples.read("bosch-rexroth-bodas_timeseries-CumulativeOperatingHours.json");
        String outOfRange = SharedSamples.read("bosch-rexroth-bodas_timeseries-page-out-of-range.json");
        String self = new ObjectMapper().readTree(sample.replaceAll("(?m)^\\s*\\.\\.\\.\\s*$\\R", ""))
                .at("/0/links/0/href").asText();
        String next = self.substring(0, self.length() - 1) + "2";
        vendor.serve(self, sample.replaceAll("(?m)^\\s*\\.\\.\\.\\s*$\\R", ""), "application/json")
                .serve(next, outOfRange, "application/json");
        positions.save("bosch", List.of(new Position(ASSET, "operatingHours", PUBLISHED_UP_TO))).get();

        CycleResult result = poller.cycle();

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(published).extracting(r -> r.getCumulativeOperatingHours() + "@" + r.getReadingTime())
                .containsExactly("3.0@2023-05-12T17:15:39Z", "4.0@2023-05-12T18:15:40Z", "8.0@2023-05-12T22:17:18Z",
                        "9.0@2023-05-12T23:59:00Z");
        assertThat(vendor.requests()).extracting(StandInVendor.Request::path).containsExactly(FLEET + "Fleet/1", self,
                next);
        assertThat(result.readingsBackfilled()).isEqualTo(3);
        assertThat(positions.of("bosch", ASSET, "operatingHours")).contains(Instant.parse("2023-05-12T23:59:00Z"));
    }

    @Test
    void theSampleAsPublishedWithItsElisionFailsTheBackfillAndHoldsTheSnapshotReadingBack() throws Exception {
        String sample = SharedSamples.read("bosch-rexroth-bodas_timeseries-CumulativeOperatingHours.json");
        vendor.serve(FLEET + "Fleet/Equipment/" + PIN + "/CumulativeOperatingHours/2023-05-12T00:00:00/"
                + "2023-05-12T23:59:00/1", sample, "application/json");
        positions.save("bosch", List.of(new Position(ASSET, "operatingHours", PUBLISHED_UP_TO))).get();

        CycleResult result = poller.cycle();

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.backfillsPending()).isEqualTo(1);
        assertThat(published).isEmpty();
        assertThat(positions.of("bosch", ASSET, "operatingHours")).contains(PUBLISHED_UP_TO);
        assertThat(poller.status().lastBackfillError())
                .hasValueSatisfying(error -> assertThat(error).contains("JSON line 12"));
    }
}
