package io.trestle.telemetry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trestle.telemetry.topology.TopologyFixture;
import io.trestle.telemetry.topology.UsageTopology;

/** The queries read from the topology's own stores (on Kafka's test driver): key ranges by asset, project and day. */
class AnalyticsReadsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private static TopologyFixture fixture;

    @BeforeAll
    static void postThreeMachinesOnTwoProjects() {
        fixture = new TopologyFixture(TopologyFixture.SETTINGS);
        fixture.confirmed("EX-1", "R-1", "42", "100", -60, 600);
        fixture.confirmed("EX-2", "R-2", "42", "200", -60, 600);
        // Project 4 and asset EX-10 share a prefix with project 42 and asset EX-1: ranges must not mix them.
        fixture.confirmed("EX-10", "R-3", "4", "100", -60, 600);
        fixture.reading("EX-1", 0, 10.0, 0.0, null);
        fixture.reading("EX-1", 10, 10.1, 0.01, null);
        fixture.reading("EX-2", 0, 20.0, 0.0, null);
        fixture.reading("EX-2", 10, 20.1, 0.05, null);
        fixture.reading("EX-10", 0, 30.0, 0.0, null);
        fixture.reading("EX-10", 10, 30.15, 0.0, null);
        for (int minute = 0; minute <= 25; minute++) {
            fixture.reading("EX-8", minute, 1.0, null, null); // moves stream time past 08:15 + grace
        }
    }

    @AfterAll
    static void closeDriver() {
        fixture.close();
    }

    @Test
    void utilizationListsEveryDayOfTheRangeOfThatAssetOnly() {
        AssetUtilizationView view = AnalyticsReads.utilization(
                fixture.driver.getKeyValueStore(UsageTopology.UTILIZATION_STORE), "EX-1",
                new DateRange(DAY.minusDays(1), DAY.plusDays(1)));

        assertThat(view.days()).extracting(AssetUtilizationView.Day::day, AssetUtilizationView.Day::operatingHours,
                AssetUtilizationView.Day::idleHours, AssetUtilizationView.Day::availableHours)
                .containsExactly(tuple(DAY.minusDays(1), 0.0, 0.0, 24.0), tuple(DAY, 0.1, 0.01, 24.0),
                        tuple(DAY.plusDays(1), 0.0, 0.0, 24.0));
        assertThat(view.total().availableHours()).isEqualTo(72.0);
        assertThat(view.total().utilization()).isEqualTo(0.0014);
    }

    @Test
    void costsAreThoseOfTheProjectPerCostCodeAndDay() {
        ProjectCostView view = AnalyticsReads.costs(fixture.driver.getKeyValueStore(UsageTopology.PROJECT_COST_STORE),
                "42", new DateRange(DAY, DAY), Optional.empty());

        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(view.costCodes()).extracting(ProjectCostView.CostCode::costCodeId,
                code -> code.total().amount()).containsExactly(tuple("100", new BigDecimal("8.00")),
                        tuple("200", new BigDecimal("8.00")));
        assertThat(view.total().amount()).isEqualByComparingTo("16.00");
        assertThat(AnalyticsReads.costs(fixture.driver.getKeyValueStore(UsageTopology.PROJECT_COST_STORE), "42",
                new DateRange(DAY.plusDays(1), DAY.plusDays(2)), Optional.empty()).costCodes()).isEmpty();
    }

    @Test
    void theMostIdleAssetsOfTheDayComeFirst() {
        assertThat(AnalyticsReads.mostIdle(fixture.driver.getKeyValueStore(UsageTopology.DAILY_UTILIZATION_STORE),
                DAY, 2)).extracting(TopIdleView.IdleAsset::assetId, TopIdleView.IdleAsset::idleHours)
                .containsExactly(tuple("EX-2", 0.05), tuple("EX-1", 0.01));
    }
}
