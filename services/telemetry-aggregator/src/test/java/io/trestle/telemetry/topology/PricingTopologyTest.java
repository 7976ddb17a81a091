package io.trestle.telemetry.topology;

import static io.trestle.telemetry.topology.TopologyFixture.PRICING;
import static io.trestle.telemetry.topology.TopologyFixture.SETTINGS;
import static io.trestle.telemetry.topology.TopologyFixture.at;
import static io.trestle.telemetry.topology.TopologyFixture.rate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.service.PricingRules;

/** Amounts at the rate in force at the time of the usage, and idle hours at their own rate or cost code. */
class PricingTopologyTest {

    private TopologyFixture fixture;

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void aRateChangeWithinAWindowPricesEachPartAtItsOwnRate() {
        fixture = new TopologyFixture(SETTINGS);
        fixture.rates("EX-R", rate(Instant.EPOCH, at(7.5), "80", "EUR"), rate(at(7.5), null, "120", "EUR"));
        workFiveMinutes("EX-R", null);
        fixture.reading("EX-R", 40, 10.15);

        assertThat(fixture.postings.readValuesToList()).singleElement().satisfies(posting -> {
            assertThat(posting.getOperatingHours()).isEqualTo(0.15);
            // 0.075 h at 80 until 08:07:30, 0.075 h at 120 after
            assertThat(posting.getAmount()).isEqualByComparingTo("15.00");
            assertThat(posting.getHourlyRate()).isEqualByComparingTo("100.0000");
        });
    }

    @Test
    void odoosRateHistoryWinsOverTheConfiguredRateAndTheConfiguredRateFillsItsGaps() {
        fixture = new TopologyFixture(SETTINGS);
        fixture.rates("CRANE-7", rate(at(10), null, "200", "EUR")); // configured: 240
        workFiveMinutes("CRANE-7", null);
        fixture.reading("CRANE-7", 40, 10.15);

        assertThat(fixture.postings.readValuesToList()).singleElement().satisfies(posting -> {
            assertThat(posting.getAmount()).isEqualByComparingTo("34.00"); // 0.1 h × 240 + 0.05 h × 200
        });
    }

    @Test
    void usageWhoseOdooRateIsInAnotherCurrencyIsQuarantinedNotPricedWithADifferentRate() {
        fixture = new TopologyFixture(SETTINGS);
        fixture.rates("EX-US", rate(Instant.EPOCH, null, "95", "USD"));
        workFiveMinutes("EX-US", null);
        fixture.reading("EX-US", 40, 10.15);

        assertThat(fixture.postings.isEmpty()).isTrue();
        assertThat(fixture.quarantine.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.getReasonCode()).isEqualTo("MISSING_RATE");
            assertThat(entry.getMessage()).contains("0.1500 operating hours", "USD", "EUR");
            assertThat(entry.getPayloadText()).contains("\"assetId\":\"EX-US\"", "\"usage\"");
        });
    }

    @Test
    void idleHoursCostTheConfiguredShareOfTheRate() {
        fixture = new TopologyFixture(TopologyFixture.withPricing(idle(Optional.empty())));
        workFiveMinutes("EX-I", 0.02);
        fixture.reading("EX-I", 40, 10.15, 5.06, null);

        assertThat(fixture.postings.readValuesToList()).extracting(CostPosting::getOperatingHours,
                CostPosting::getIdleHours, CostPosting::getAmount)
                .containsExactly(tuple(0.15, 0.06, new BigDecimal("9.60"))); // 0.09 h × 80 + 0.06 h × 40
    }

    @Test
    void withAnIdleCostCodeTheIdleHoursOfReservedUsageAreBookedOnALineOfTheirOwn() {
        fixture = new TopologyFixture(TopologyFixture.withPricing(idle(Optional.of("IDLE"))));
        fixture.confirmed("EX-I", "R-1", "42", "100", -60, 240);
        workFiveMinutes("EX-I", 0.02);
        fixture.reading("EX-I", 40, 10.15, 5.06, null);

        assertThat(fixture.postings.readValuesToList())
                .extracting(CostPosting::getProjectId, CostPosting::getCostCodeId, CostPosting::getOperatingHours,
                        CostPosting::getIdleHours, CostPosting::getAmount, CostPosting::getHourlyRate)
                .containsExactly(tuple("42", "100", 0.09, 0.0, new BigDecimal("7.20"), new BigDecimal("80.0000")),
                        tuple("42", "IDLE", 0.06, 0.06, new BigDecimal("2.40"), new BigDecimal("40.0000")));
    }

    private static PricingRules idle(Optional<String> idleCostCode) {
        return new PricingRules(PRICING.currency(), PRICING.defaultHourlyRate(), PRICING.assetHourlyRates(),
                new BigDecimal("0.5"), idleCostCode, PRICING.unallocatedCostCode());
    }

    /** 08:00–08:15 at 0.05 operating hours per five minutes, {@code idlePerStep} of them idle. */
    private void workFiveMinutes(String assetId, Double idlePerStep) {
        for (int step = 0; step <= 3; step++) {
            fixture.reading(assetId, 5 * step, 10.0 + step * 0.05,
                    idlePerStep == null ? null : 5.0 + step * idlePerStep,
                    null);
        }
    }
}
