package io.trestle.equipment.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.trestle.equipment.aemp.EquipmentIdentity;

class VendorPathsTest {

    private static final URI BOSCH = URI.create("https://bodas.example/pvz1481:fleet__bc420002fbqv8d");

    @Test
    void timeSeriesTakesTheFormOfTheRecordedBoschRequestWithTheEndRoundedUpToTheSecond() {
        VendorPaths paths = VendorPaths.of(TestVendor.at(BOSCH));

        assertThat(paths.timeSeries("SNP50123123456789", "CumulativeOperatingHours",
                Instant.parse("2023-05-12T00:00:00.900Z"), Instant.parse("2023-05-12T23:58:59.001Z"), 1))
                .hasToString("https://bodas.example/pvz1481:fleet__bc420002fbqv8d/Fleet/Equipment/SNP50123123456789/"
                        + "CumulativeOperatingHours/2023-05-12T00:00:00/2023-05-12T23:59:00/1");
    }

    @Test
    void singleMachineAndFirstFleetPageFollowTheProfileWithThePageSizeOnTheFirstPageOnly() {
        VendorPaths paths = VendorPaths.of(TestVendor.at(BOSCH).pageSize(100, "pageSize"));

        assertThat(paths.equipment("SNP50123123456789"))
                .hasToString("https://bodas.example/pvz1481:fleet__bc420002fbqv8d/Fleet/Equipment/SNP50123123456789");
        assertThat(paths.firstFleetPage())
                .hasToString("https://bodas.example/pvz1481:fleet__bc420002fbqv8d/Fleet/1?pageSize=100");
        assertThat(paths.resolve(URI.create("Fleet/2")))
                .hasToString("https://bodas.example/pvz1481:fleet__bc420002fbqv8d/Fleet/2");
        assertThat(VendorPaths.of(TestVendor.at(BOSCH)).firstFleetPage()).hasToString(
                "https://bodas.example/pvz1481:fleet__bc420002fbqv8d/Fleet/1");
    }

    @Test
    void anIdIsOnePathSegmentWhateverItHolds() {
        VendorPaths paths = VendorPaths.of(TestVendor.at(BOSCH).paths("Fleet/Equipment/ID/{id}",
                "Fleet/Equipment/ID/{id}/{element}/{start}/{end}/{page}"));

        assertThat(paths.equipment("yard 7/ä?")).hasToString(
                "https://bodas.example/pvz1481:fleet__bc420002fbqv8d/Fleet/Equipment/ID/yard%207%2F%C3%A4%3F");
    }

    @Test
    void machinesAreAskedForByPinElseByTheirEquipmentId() {
        assertThat(VendorPaths.idOf(new EquipmentIdentity("Rexroth", "x", "S-1", "PIN-1", "yard-7"))).contains("PIN-1");
        assertThat(VendorPaths.idOf(new EquipmentIdentity("Rexroth", "x", "S-1", null, "yard-7"))).contains("yard-7");
        assertThat(VendorPaths.idOf(new EquipmentIdentity("Rexroth", "x", "S-1", null, null))).isEmpty();
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderStopsStartup() {
        assertThatThrownBy(() -> VendorPaths.of(TestVendor.at(BOSCH).paths("Fleet/Equipment/{pin}",
                "Fleet/Equipment/{id}/{element}/{start}/{end}/{page}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("equipment-path 'Fleet/Equipment/{pin}' has a placeholder {pin}");
    }
}
