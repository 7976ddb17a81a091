package io.trestle.equipment.aemp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Quantity;

/** Reads the vendors' published samples ({@link SharedSamples}), when they are there. */
class AempSharedSamplesTest {

    private static final EquipmentIdentity REQUESTED = new EquipmentIdentity("Rexroth", "sweeperx200", null,
            "SNP50123123456789", "sn50123");

    private final AempParser parser = new AempParser();

    @Test
    void readsEverySampleOrRefusesItWithTheTypedException() throws IOException {
        List<Path> files = SharedSamples.files();

        assertThat(files).isNotEmpty().allSatisfy(file -> {
            if (file.getFileName().toString().equals("bosch-rexroth-bodas_timeseries-CumulativeOperatingHours.json")) {
                assertThatThrownBy(() -> parse(file)).isInstanceOf(AempFormatException.class);
            } else {
                parse(file);
            }
        });
    }

    @Test
    void refusesTheBoschTimeSeriesWithItsElision() {
        // Read outside the lambda: the skip when the samples are absent must not count as the expected exception.
        String timeSeries = read("bosch-rexroth-bodas_timeseries-CumulativeOperatingHours.json");

        assertThatThrownBy(() -> parser.parseTimeSeries(timeSeries, "application/json", REQUESTED))
                .isInstanceOfSatisfying(AempFormatException.class,
                        e -> assertThat(e.where()).startsWith("JSON line 12"));
    }

    @Test
    void readsTheBoschFleetPagesAndStopsWhereNextIsSelf() {
        AempPage first = parser.parseFleet(read("bosch-rexroth-bodas_fleet-snapshot_page1.json"), null);
        AempPage empty = parser.parseFleet(read("bosch-rexroth-bodas_fleet-snapshot_page2-empty.json"), null);

        assertThat(first.equipment()).extracting(equipment -> equipment.identity().pin())
                .containsExactly("SNP50123123456789", "SNV50456123456789");
        assertThat(first.equipment().get(0).readings()).hasSize(3)
                .extracting(TelemetryItem::cumulativeFuelUsed).contains(new Quantity(730.0, "L"));
        assertThat(first.next()).isEmpty();
        assertThat(empty.equipment()).isEmpty();
        assertThat(empty.next()).isEmpty();
    }

    @Test
    void readsTheBoschSingleEquipmentSnapshotAndOutOfRangePage() {
        AempPage single = parser.parseFleet(read("bosch-rexroth-bodas_single-equipment-snapshot.json"), null);
        AempTimeSeriesPage outOfRange = parser.parseTimeSeries(
                read("bosch-rexroth-bodas_timeseries-page-out-of-range.json"), null, REQUESTED);

        assertThat(single.equipment()).singleElement()
                .satisfies(equipment -> assertThat(equipment.readings()).hasSize(3));
        assertThat(outOfRange.readings()).isEmpty();
    }

    @Test
    void readsTheSamsaraFleet() {
        AempPage page = parser.parseFleet(read("samsara_beta-aemp-fleet-snapshot.json"), null);

        TelemetryItem reading = page.equipment().get(0).readings().get(0);
        assertThat(reading.odometer()).isEqualTo(new Quantity(12.0, "km"));
        assertThat(reading.defRemainingPercent()).isEqualTo(12.0);
        assertThat(reading.engineRunning()).isTrue();
        assertThat(page.snapshotTime()).isPresent();
    }

    @Test
    void readsTheGpsInsightLegacyFleet() {
        AempPage page = parser.parseFleet(read("gpsinsight_aemp-v1.2-fleet_iso8601-duration-hours.xml"), null);

        assertThat(page.equipment()).extracting(equipment -> equipment.identity().oemName())
                .containsExactly("Toyota", "GMC");
        assertThat(page.equipment().get(0).readings().get(0).cumulativeOperatingHours()).isEqualTo(13.475);
    }

    @Test
    void readsTheTrackunitLinksOnceWrapped() {
        AempPage page = parser.parseFleet(wrapped(read("trackunit_aemp_pagination-links-fragment.xml")), null);

        assertThat(page.equipment()).isEmpty();
        assertThat(page.last())
                .contains(URI.create("https://iris.trackunit.com/public/api/aemp/v2/15143/-3/Fleet/993"));
    }

    private void parse(Path file) {
        String name = file.getFileName().toString();
        String body = read(name);
        if (name.startsWith("trackunit_")) {
            parser.parseFleet(wrapped(body), null);
        } else if (name.contains("timeseries")) {
            parser.parseTimeSeries(body, null, REQUESTED);
        } else {
            parser.parseFleet(body, null);
        }
    }

    /** Trackunit documents fragments with several roots; a document has one. */
    private static String wrapped(String fragment) {
        return "<Fleet>" + fragment + "</Fleet>";
    }

    private static String read(String name) {
        return SharedSamples.read(name);
    }
}
