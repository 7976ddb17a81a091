package io.trestle.equipment.aemp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Position;
import io.trestle.equipment.domain.TelemetryItem.Quantity;

class AempParserTest {

    private static final EquipmentIdentity HAULER = new EquipmentIdentity("Caterpillar", "745", "3T600123",
            "CAT0745C3T600123", "hauler-12");

    private final AempParser parser = new AempParser();

    @Test
    void readsAJsonDocumentWrappedInAnArrayWithLowerCaseLinks() {
        AempPage page = parser.parseFleet(fixture("fleet-wrapped-array.json"), "application/json");

        assertThat(page.equipment()).extracting(AempEquipment::identity).containsExactly(
                new EquipmentIdentity("Rexroth", "loader-l40", null, "RXL40000000000001", "yard-7"),
                new EquipmentIdentity("Rexroth", "sweeper-s2", null, "RXS20000000000002", "yard-9"));
        List<TelemetryItem> loader = page.equipment().get(0).readings();
        assertThat(loader).extracting(TelemetryItem::readingTime).containsExactly(
                Instant.parse("2024-03-04T10:14:00.125Z"), Instant.parse("2024-03-04T10:15:00.250Z"));
        assertThat(loader.get(0).cumulativeOperatingHours()).isEqualTo(1204.5);
        assertThat(loader.get(0).cumulativeFuelUsed()).isEqualTo(new Quantity(8810.0, "L"));
        assertThat(loader.get(0).location()).isNull();
        assertThat(loader.get(1).location()).isEqualTo(new Position(48.1, 9.2, 512.0));
        assertThat(loader).allSatisfy(reading -> assertThat(reading.assetId()).isNull());
        assertThat(page.last()).contains(URI.create("/fleet-42/Fleet/1"));
        assertThat(page.snapshotTime()).isEmpty();
    }

    @Test
    void treatsANextLinkPointingAtTheSamePageAsTheLastPage() {
        AempPage page = parser.parseFleet(fixture("fleet-wrapped-array.json"), "application/json");

        assertThat(page.next()).isEmpty();
    }

    @Test
    void readsAFleetObjectWithUpperCaseLinksAndSnapshotTime() {
        AempPage page = parser.parseFleet(fixture("fleet-object.json"), "application/json");

        assertThat(page.snapshotTime()).contains(Instant.parse("2024-03-05T06:00:00Z"));
        assertThat(page.next()).contains(URI.create("https://aemp.example.com/Fleet/2"));
        assertThat(page.last()).contains(URI.create("https://aemp.example.com/Fleet/5"));
        AempEquipment skid = page.equipment().get(0);
        assertThat(skid.identity()).isEqualTo(new EquipmentIdentity("Bobcat", "T650", "B3NU11111", null, "skid-3"));
        assertThat(skid.readings()).hasSize(2);
        TelemetryItem counters = skid.readings().get(0);
        assertThat(counters.readingTime()).isEqualTo(Instant.parse("2024-03-05T05:30:00Z"));
        assertThat(counters.cumulativeOperatingHours()).isEqualTo(2310.25);
        assertThat(counters.cumulativeIdleHours()).isEqualTo(410.0);
        assertThat(counters.fuelRemainingPercent()).isEqualTo(64.0);
        assertThat(counters.odometer()).isEqualTo(new Quantity(1520.4, "km"));
        TelemetryItem position = skid.readings().get(1);
        assertThat(position.readingTime()).isEqualTo(Instant.parse("2024-03-05T05:45:00Z"));
        assertThat(position.engineRunning()).isFalse();
        assertThat(position.location()).isEqualTo(new Position(51.5, -0.12, null));
    }

    @Test
    void readsNotAvailableAsAbsentInValuesAndHeaders() {
        AempEquipment skid = parser.parseFleet(fixture("fleet-object.json"), null).equipment().get(0);

        assertThat(skid.identity().pin()).isNull();
        assertThat(skid.readings().get(0).defRemainingPercent()).isNull();
    }

    @Test
    void ignoresElementsTheTelemetryRecordDoesNotCarry() {
        // FuelUsedLast24, CautionCodes and a vendor element with an unreadable datetime are all on the page.
        AempEquipment skid = parser.parseFleet(fixture("fleet-object.json"), null).equipment().get(0);

        assertThat(skid.readings()).extracting(TelemetryItem::readingTime).containsExactly(
                Instant.parse("2024-03-05T05:30:00Z"), Instant.parse("2024-03-05T05:45:00Z"));
        assertThat(skid.readings().get(0).cumulativeFuelUsed()).isNull();
    }

    @Test
    void readsXmlInTheIsoNamespaceWithEveryTelemetryElement() {
        AempPage page = parser.parseFleet(fixture("fleet-iso-namespace.xml"), "application/xml");

        assertThat(page.snapshotTime()).contains(Instant.parse("2024-03-06T12:00:00Z"));
        assertThat(page.next()).contains(URI.create("https://aemp.example.com/15143/-3/Fleet/3"));
        assertThat(page.last()).contains(URI.create("https://aemp.example.com/15143/-3/Fleet/9"));
        AempEquipment hauler = page.equipment().get(0);
        assertThat(hauler.identity()).isEqualTo(HAULER);
        assertThat(hauler.readings()).hasSize(2);
        TelemetryItem counters = hauler.readings().get(0);
        assertThat(counters.readingTime()).isEqualTo(Instant.parse("2024-03-06T11:00:00Z"));
        assertThat(counters.cumulativeOperatingHours()).isEqualTo(6021.4);
        assertThat(counters.cumulativeIdleHours()).isEqualTo(1500.0);
        assertThat(counters.cumulativeFuelUsed()).isEqualTo(new Quantity(250400.0, "L"));
        assertThat(counters.cumulativeLoadCount()).isEqualTo(18234L);
        assertThat(counters.cumulativePayload()).isEqualTo(new Quantity(720100.5, "t"));
        TelemetryItem position = hauler.readings().get(1);
        assertThat(position.engineRunning()).isTrue();
        assertThat(position.location().latitude()).isEqualTo(-23.55);
        assertThat(position.location().longitude()).isEqualTo(-46.63);
        assertThat(position.location().altitudeMeters()).isCloseTo(762.0, within(1e-9));
    }

    @Test
    void readsXmlWhoseElementsAndAttributesCarryAVendorNamespacePrefix() {
        AempPage page = parser.parseFleet(fixture("fleet-vendor-namespace-prefixed.xml"), null);

        assertThat(page.snapshotTime()).contains(Instant.parse("2024-03-07T00:00:00Z"));
        AempEquipment excavator = page.equipment().get(0);
        assertThat(excavator.identity()).isEqualTo(new EquipmentIdentity("Komatsu", "PC210LC-11", "K60123", null,
                null));
        assertThat(excavator.readings()).singleElement().satisfies(reading -> {
            assertThat(reading.cumulativeOperatingHours()).isEqualTo(3120.7);
            assertThat(reading.fuelRemainingPercent()).isEqualTo(38.0);
        });
    }

    @Test
    void readsXmlWithoutNamespaceWithHeaderAndLinksAsAttributes() {
        AempPage page = parser.parseFleet(fixture("fleet-no-namespace-attributes.xml"), "text/xml");

        assertThat(page.equipment().get(0).identity()).isEqualTo(new EquipmentIdentity("John Deere", "310L",
                "1T0310LXKKF300001", "1T0310LXKKF300001", "bh-1"));
        assertThat(page.next()).contains(URI.create("https://aemp.example.com/Fleet/2"));
        assertThat(page.last()).contains(URI.create("https://aemp.example.com/Fleet/2"));
    }

    @Test
    void readsHoursWrittenAsIsoDurationsWithDaysAndFractionalSeconds() {
        TelemetryItem reading = parser.parseFleet(fixture("fleet-no-namespace-attributes.xml"), null).equipment()
                .get(0).readings().get(0);

        assertThat(reading.cumulativeOperatingHours()).isCloseTo((13 * 86_400 + 25 * 60 + 59.999) / 3600,
                within(1e-9));
        assertThat(reading.cumulativeIdleHours()).isEqualTo(13.475);
    }

    @Test
    void convertsRemainingRatiosToPercent() {
        TelemetryItem reading = parser.parseFleet(fixture("fleet-no-namespace-attributes.xml"), null).equipment()
                .get(0).readings().get(0);

        assertThat(reading.fuelRemainingPercent()).isEqualTo(57.0);
        assertThat(reading.defRemainingPercent()).isEqualTo(90.0);
    }

    @Test
    void normalisesUnitNamesInTheirVendorVariants() {
        TelemetryItem imperial = parser.parseFleet(fixture("fleet-no-namespace-attributes.xml"), null).equipment()
                .get(0).readings().get(0);
        TelemetryItem legacy = parser.parseFleet(fixture("fleet-aemp12.xml"), null).equipment().get(0).readings()
                .get(0);

        assertThat(imperial.cumulativeFuelUsed()).isEqualTo(new Quantity(1210.5, "gal"));
        assertThat(imperial.odometer()).isEqualTo(new Quantity(88.2, "mi"));
        assertThat(legacy.odometer()).isEqualTo(new Quantity(20392.8, "mi"));
    }

    @Test
    void keepsAnUnknownUnitAsWrittenForTheValidatorToRefuse() {
        String body = """
                {"Equipment": [{"EquipmentHeader": {"PIN": "P1"},
                  "FuelUsed": {"datetime": "2024-03-04T10:00:00Z", "FuelConsumed": 3, "FuelUnits": "hogshead"}}]}
                """;

        assertThat(parser.parseFleet(body, null).equipment().get(0).readings().get(0).cumulativeFuelUsed())
                .isEqualTo(new Quantity(3.0, "hogshead"));
    }

    @Test
    void readsLegacyAemp12WithMakeNestedAltitudeAndOffsets() {
        AempPage page = parser.parseFleet(fixture("fleet-aemp12.xml"), "application/xml");

        assertThat(page.snapshotTime()).contains(Instant.parse("2024-03-09T17:50:35Z"));
        AempEquipment truck = page.equipment().get(0);
        assertThat(truck.identity()).isEqualTo(new EquipmentIdentity("Ford", "F-350", "4570000001", null,
                "1FT8W3BT0NE000001"));
        assertThat(truck.readings()).singleElement().satisfies(reading -> {
            assertThat(reading.readingTime()).isEqualTo(Instant.parse("2024-03-09T15:22:29Z"));
            assertThat(reading.location()).isEqualTo(new Position(37.29, -121.76, 61.0));
            assertThat(reading.cumulativeOperatingHours()).isCloseTo((86_400 + 7 * 3600 + 2 * 60 + 3) / 3600.0,
                    within(1e-9));
        });
    }

    @Test
    void endsPagingOnAnEmptyPageWhateverItsNextLinkSays() {
        AempPage page = parser.parseFleet(fixture("fleet-empty-last-page.json"), "application/json");

        assertThat(page.equipment()).isEmpty();
        assertThat(page.next()).isEmpty();
        assertThat(page.last()).contains(URI.create("/fleet-42/Fleet/1"));
    }

    @Test
    void readsAJsonTimeSeriesPageTakingZonelessTimesAsUtc() {
        AempTimeSeriesPage page = parser.parseTimeSeries(fixture("timeseries-operating-hours.json"),
                "application/json", null);

        assertThat(page.identity()).isEqualTo(new EquipmentIdentity("Rexroth", "loader-l40", null,
                "RXL40000000000001", "yard-7"));
        assertThat(page.readings()).extracting(TelemetryItem::readingTime, TelemetryItem::cumulativeOperatingHours)
                .containsExactly(
                        tuple(Instant.parse("2024-03-04T07:15:39Z"), 3.0),
                        tuple(Instant.parse("2024-03-04T08:15:40Z"), 4.0),
                        tuple(Instant.parse("2024-03-04T09:45:02Z"), 5.5));
        assertThat(page.next()).hasValueSatisfying(next -> assertThat(next.toString()).endsWith("/2"));
    }

    @Test
    void readsAnXmlTimeSeriesPageForTheRequestedMachineWhenItHasNoHeader() {
        AempTimeSeriesPage page = parser.parseTimeSeries(fixture("timeseries-fuel-remaining.xml"), null, HAULER);

        assertThat(page.identity()).isEqualTo(HAULER);
        assertThat(page.readings()).extracting(TelemetryItem::readingTime, TelemetryItem::fuelRemainingPercent)
                .containsExactly(
                        tuple(Instant.parse("2024-03-06T08:00:00Z"), 80.0),
                        tuple(Instant.parse("2024-03-06T10:00:00Z"), 71.5));
        assertThat(page.next()).isEmpty();
        assertThat(page.last()).isPresent();
    }

    @Test
    void readsAnEmptyTimeSeriesPage() {
        AempTimeSeriesPage page = parser.parseTimeSeries("[]", "application/json", HAULER);

        assertThat(page.readings()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void refusesATimeSeriesThatNamesNoMachine() {
        assertThatThrownBy(() -> parser.parseTimeSeries(fixture("timeseries-fuel-remaining.xml"), null, null))
                .isInstanceOf(AempFormatException.class)
                .hasMessageContaining("identifies the machine");
    }

    @Test
    void refusesInvalidJsonNamingLineAndColumn() {
        assertThatThrownBy(() -> parser.parseFleet(fixture("malformed-truncated.json"), "application/json"))
                .isInstanceOfSatisfying(AempFormatException.class,
                        e -> assertThat(e.where()).startsWith("JSON line 8"))
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void refusesJsonWithTrailingContent() {
        assertThatThrownBy(() -> parser.parseFleet("{\"Equipment\": []} {\"Equipment\": []}", null))
                .isInstanceOf(AempFormatException.class);
    }

    @Test
    void refusesInvalidXmlNamingLineAndColumn() {
        assertThatThrownBy(() -> parser.parseFleet(fixture("malformed-unclosed.xml"), "application/xml"))
                .isInstanceOfSatisfying(AempFormatException.class,
                        e -> assertThat(e.where()).startsWith("XML line 6"));
    }

    @Test
    void refusesXmlWithADoctypeSoNoEntityIsExpanded() {
        String body = """
                <?xml version="1.0"?>
                <!DOCTYPE Fleet [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <Fleet><Equipment><EquipmentHeader><PIN>&secret;</PIN></EquipmentHeader></Equipment></Fleet>
                """;

        assertThatThrownBy(() -> parser.parseFleet(body, null)).isInstanceOf(AempFormatException.class);
    }

    @Test
    void refusesAValueThatIsNotANumberNamingItsElement() {
        String body = """
                <Fleet><Equipment><EquipmentHeader><PIN>P1</PIN></EquipmentHeader>
                <CumulativeOperatingHours datetime="2024-03-04T10:00:00Z"><Hour>twelve</Hour></CumulativeOperatingHours>
                </Equipment></Fleet>
                """;

        assertThatThrownBy(() -> parser.parseFleet(body, null))
                .isInstanceOfSatisfying(AempFormatException.class, e -> assertThat(e.where())
                        .isEqualTo("Fleet/Equipment[1]/CumulativeOperatingHours[1]/Hour[1]"))
                .hasMessageContaining("'twelve'");
    }

    @Test
    void refusesAnElementWithoutDatetime() {
        String body = """
                {"Equipment": [{"EquipmentHeader": {"PIN": "P1"}, "CumulativeIdleHours": {"Hour": 4}}]}
                """;

        assertThatThrownBy(() -> parser.parseFleet(body, null))
                .isInstanceOfSatisfying(AempFormatException.class,
                        e -> assertThat(e.where()).isEqualTo("$/Equipment[0]/CumulativeIdleHours"))
                .hasMessageContaining("CumulativeIdleHours has no datetime");
    }

    @Test
    void refusesAnAltitudeInAnUnknownUnit() {
        String body = """
                {"Equipment": [{"EquipmentHeader": {"PIN": "P1"}, "Location": {"datetime": "2024-03-04T10:00:00Z",
                  "Latitude": 1, "Longitude": 2, "Altitude": 3, "AltitudeUnits": "fathoms"}}]}
                """;

        assertThatThrownBy(() -> parser.parseFleet(body, null))
                .isInstanceOfSatisfying(AempFormatException.class,
                        e -> assertThat(e.where()).isEqualTo("$/Equipment[0]/Location/AltitudeUnits"))
                .hasMessageContaining("'fathoms'");
    }

    @Test
    void refusesEquipmentWithoutHeader() {
        String body = """
                {"Equipment": [{"CumulativeIdleHours": {"Hour": 4, "datetime": "2024-03-04T10:00:00Z"}}]}
                """;

        assertThatThrownBy(() -> parser.parseFleet(body, null)).isInstanceOf(AempFormatException.class)
                .hasMessageContaining("no EquipmentHeader");
    }

    @Test
    void refusesAPayloadThatIsNeitherJsonNorXml() {
        assertThatThrownBy(() -> parser.parseFleet("Service Unavailable", "text/plain"))
                .isInstanceOf(AempFormatException.class).hasMessageContaining("neither JSON nor XML");
        assertThatThrownBy(() -> parser.parseFleet("  ", "application/json"))
                .isInstanceOf(AempFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void detectsTheFormatFromTheContentBeforeTheContentType() {
        assertThat(PayloadReader.detect("\uFEFF \n [{}]", "text/xml")).isEqualTo(PayloadReader.Format.JSON);
        assertThat(PayloadReader.detect("\t<Fleet/>", "application/json")).isEqualTo(PayloadReader.Format.XML);
        assertThat(PayloadReader.detect("oops", "application/json; charset=utf-8"))
                .isEqualTo(PayloadReader.Format.JSON);
        assertThat(PayloadReader.detect("oops", "application/vnd.aemp+xml")).isEqualTo(PayloadReader.Format.XML);
    }

    @Test
    void readsEpochMillisecondTimestamps() {
        String body = """
                {"Equipment": [{"EquipmentHeader": {"PIN": "P1"},
                  "EngineStatus": {"Running": "true", "datetime": 1709546400000}}]}
                """;

        assertThat(parser.parseFleet(body, null).equipment().get(0).readings().get(0).readingTime())
                .isEqualTo(Instant.parse("2024-03-04T10:00:00Z"));
    }

    @Test
    void derivesTheSameReadingIdsFromTheSameSnapshot() {
        List<String> first = readingIds(parser.parseFleet(fixture("fleet-iso-namespace.xml"), null));
        List<String> second = readingIds(parser.parseFleet(fixture("fleet-iso-namespace.xml"), null));

        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(second);
    }

    @Test
    void keepsReadingIdsWhenTheOwnerRelabelsTheMachine() {
        String template = """
                {"Equipment": [{"EquipmentHeader": {"PIN": "P1", "EquipmentID": "%s"},
                  "CumulativeIdleHours": {"Hour": 4, "datetime": "2024-03-04T10:00:00Z"}}]}
                """;

        assertThat(readingIds(parser.parseFleet(template.formatted("old-label"), null)))
                .isEqualTo(readingIds(parser.parseFleet(template.formatted("new-label"), null)));
    }

    @Test
    void givesDifferentIdsToReadingsOfDifferentElementsAtTheSameInstant() {
        AempTimeSeriesPage hours = parser.parseTimeSeries("""
                {"CumulativeOperatingHours": [{"Hour": 6021.4, "datetime": "2024-03-06T11:00:00Z"}]}
                """, null, HAULER);
        AempPage snapshot = parser.parseFleet(fixture("fleet-iso-namespace.xml"), null);

        assertThat(hours.readings().get(0).readingTime()).isEqualTo(snapshot.equipment().get(0).readings().get(0)
                .readingTime());
        assertThat(hours.readings().get(0).readingId()).isNotEqualTo(readingIds(snapshot).get(0));
    }

    @Test
    void refusesTheSameElementReportedTwiceWithDifferentValuesAtOneInstant() {
        String body = """
                {"CumulativeOperatingHours": [{"Hour": 1, "datetime": "2024-03-06T11:00:00Z"},
                                              {"Hour": 2, "datetime": "2024-03-06T11:00:00Z"}]}
                """;

        assertThatThrownBy(() -> parser.parseTimeSeries(body, null, HAULER))
                .isInstanceOf(AempFormatException.class).hasMessageContaining("reported twice");
    }

    private static List<String> readingIds(AempPage page) {
        return page.equipment().stream().flatMap(equipment -> equipment.readings().stream())
                .map(TelemetryItem::readingId).toList();
    }

    private static String fixture(String name) {
        try (InputStream in = Optional.ofNullable(AempParserTest.class.getResourceAsStream("/aemp/" + name))
                .orElseThrow(() -> new IllegalArgumentException("no fixture " + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
