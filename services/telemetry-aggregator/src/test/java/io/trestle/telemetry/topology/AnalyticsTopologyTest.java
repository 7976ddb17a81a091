package io.trestle.telemetry.topology;

import static io.trestle.telemetry.topology.TopologyFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.analytics.AssetUtilization;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.telemetry.domain.AssetDay;
import io.trestle.telemetry.domain.DayUtilization;
import io.trestle.telemetry.domain.ProjectDayCost;

/** The analysts' stores and the utilization topic, fed from the postings the ledger makes. */
class AnalyticsTopologyTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture(SETTINGS);

    @Test
    void theDaysPostedHoursBecomeTheAssetsUtilizationInItsStoreAndOnTheCompactedTopic() {
        fixture.confirmed("EX-1", "R-1", "42", "100", -60, 600);
        fixture.reading("EX-1", 0, 10.0, 0.0, null);
        fixture.reading("EX-1", 10, 10.1, 0.02, null);
        fixture.reading("EX-1", 20, 10.2, 0.04, null);
        neighbourUntil(40); // windows 08:00–08:15 and 08:15–08:30 are posted

        assertThat(fixture.utilization.readKeyValuesToList()).last().satisfies(record -> {
            assertThat(record.key).isEqualTo("EX-1|2026-11-20");
            AssetUtilization value = record.value;
            assertThat(value.getAssetId()).isEqualTo("EX-1");
            assertThat(value.getUsageDate()).isEqualTo(DAY);
            assertThat(value.getOperatingHours()).isCloseTo(0.2, within());
            assertThat(value.getIdleHours()).isCloseTo(0.04, within());
            assertThat(value.getAvailableHours()).isEqualTo(24.0);
            assertThat(value.getUtilization()).isCloseTo(0.2 / 24, within());
        });
        KeyValueStore<String, AssetDay> days = fixture.driver.getKeyValueStore(UsageTopology.UTILIZATION_STORE);
        assertThat(days.get(AnalyticsKeys.assetDay("EX-1", DAY)).operatingHours()).isCloseTo(0.2, within());
        KeyValueStore<String, DayUtilization> byDay = fixture.driver
                .getKeyValueStore(UsageTopology.DAILY_UTILIZATION_STORE);
        assertThat(byDay.get(AnalyticsKeys.dayAsset(DAY, "EX-1")).idleHours()).isCloseTo(0.04, within());
    }

    @Test
    void aCorrectionReplacesItsLineInsteadOfAddingToTheDay() {
        fixture.reading("EX-7", 0, 10.0);
        fixture.reading("EX-7", 5, 10.05);
        neighbourUntil(25); // window 08:00–08:15 posted with 0.05 h
        fixture.reading("EX-7", 10, 10.1); // late: the window is corrected to 0.1 h
        neighbourUntil(35);

        assertThat(fixture.utilization.readValuesToList()).extracting(AssetUtilization::getAssetId,
                AssetUtilization::getOperatingHours).containsExactly(tuple("EX-7", 0.05), tuple("EX-7", 0.1));
        KeyValueStore<String, AssetDay> days = fixture.driver.getKeyValueStore(UsageTopology.UTILIZATION_STORE);
        assertThat(days.get(AnalyticsKeys.assetDay("EX-7", DAY)).operatingHours()).isCloseTo(0.1, within());
    }

    @Test
    void theCostStoreHoldsEachProjectsLatestLinesPerDayAndCostCodeAndNoUnallocatedUsage() {
        fixture.reserve("EX-1", "R-1", "42", null, "100", -60, 600, ReservationStatus.CONFIRMED, -120);
        fixture.reserve("EX-2", "R-2", "42", null, "200", -60, 600, ReservationStatus.CONFIRMED, -120);
        fixture.reading("EX-1", 0, 10.0);
        fixture.reading("EX-1", 5, 10.05);
        fixture.reading("EX-2", 0, 20.0);
        fixture.reading("EX-2", 10, 20.1);
        neighbourUntil(25);
        fixture.reading("EX-1", 10, 10.1); // late: EX-1's line is corrected to 0.1 h
        neighbourUntil(35);

        KeyValueStore<String, ProjectDayCost> costs = fixture.driver.getKeyValueStore(UsageTopology.PROJECT_COST_STORE);
        ProjectDayCost excavation = costs.get(AnalyticsKeys.projectDayCostCode("42", DAY, "100"));
        assertThat(excavation.operatingHours()).isCloseTo(0.1, within());
        assertThat(excavation.amount()).isEqualByComparingTo(new BigDecimal("8.00"));
        assertThat(excavation.currency()).isEqualTo("EUR");
        assertThat(costs.get(AnalyticsKeys.projectDayCostCode("42", DAY, "200")).amount())
                .isEqualByComparingTo(new BigDecimal("8.00"));
        // EX-8, the unreserved neighbour, is posted as unallocated: no project to answer it for.
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ProjectDayCost> all = costs.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        assertThat(keys).containsExactly("42|2026-11-20|100", "42|2026-11-20|200");
    }

    @Test
    void theNewStoresAndTheRepartitionAreNamed() {
        String description = fixture.topology.describe().toString();
        assertThat(description).contains(UsageTopology.UTILIZATION_STORE, UsageTopology.DAILY_UTILIZATION_STORE,
                UsageTopology.PROJECT_COST_STORE, UsageTopology.POSTINGS_BY_PROJECT + "-repartition");
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }

    /** Another machine's readings, standing still, every minute up to {@code minute}: they move stream time. */
    private void neighbourUntil(int minute) {
        for (int m = Math.max(0, minute - 5); m <= minute; m++) {
            fixture.reading("EX-8", m, 1.0);
        }
    }
}
