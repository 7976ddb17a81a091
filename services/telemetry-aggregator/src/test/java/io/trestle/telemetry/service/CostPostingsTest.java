package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.domain.WindowUsage;
import io.trestle.telemetry.service.CostPostings.PricedWindow;

class CostPostingsTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant END = Instant.parse("2026-11-27T08:15:00Z");

    @Test
    void amountIsHoursTimesRateRoundedHalfEvenToCents() {
        assertThat(CostPostings.amount(0.25, new BigDecimal("85.00"))).isEqualByComparingTo("21.25");
        assertThat(CostPostings.amount(1.0 / 3, new BigDecimal("100"))).isEqualByComparingTo("33.33");
        assertThat(CostPostings.amount(0.125, new BigDecimal("0.2"))).isEqualByComparingTo("0.02");
    }

    @Test
    void quantitiesLoseTheirBinaryNoiseButNotTheirValue() {
        PricedWindow line = new PricedWindow(null, "UNALLOCATED", "EX-1", START, END,
                new WindowUsage(0.1 + 0.2, 0.05, 4.80000000000291, "L"), new BigDecimal("85.00"), "EUR");

        CostPosting posting = CostPostings.toPosting(line, END);

        assertThat(posting.getOperatingHours()).isEqualTo(0.3);
        assertThat(posting.getFuelUsed().getValue()).isEqualTo(4.8);
        assertThat(posting.getAmount()).isEqualByComparingTo("25.50");
    }

    @Test
    void postingIdDependsOnWhatThePostingIsAboutNotWhenItWasComputed() {
        PricedWindow line = new PricedWindow(null, "UNALLOCATED", "EX-1", START, END,
                new WindowUsage(0.25, 0.05, 7.5, "L"), new BigDecimal("85.00"), "EUR");

        CostPosting first = CostPostings.toPosting(line, Instant.parse("2026-11-27T08:20:00Z"));
        CostPosting again = CostPostings.toPosting(line, Instant.parse("2026-11-28T00:00:00Z"));
        CostPosting otherAsset = CostPostings.toPosting(new PricedWindow(null, "UNALLOCATED", "EX-2", START, END,
                line.usage(), line.hourlyRate(), "EUR"), Instant.parse("2026-11-27T08:20:00Z"));

        assertThat(again.getPostingId()).isEqualTo(first.getPostingId());
        assertThat(again.getMetadata().getEventId()).isEqualTo(first.getMetadata().getEventId());
        assertThat(otherAsset.getPostingId()).isNotEqualTo(first.getPostingId());
    }

    @Test
    void postingCarriesUsageRateAndWindow() {
        PricedWindow line = new PricedWindow(null, "UNALLOCATED", "EX-1", START, END,
                new WindowUsage(0.25, 0.05, 7.5, "L"), new BigDecimal("85"), "EUR");

        CostPosting posting = CostPostings.toPosting(line, END);

        assertThat(posting.getAmount()).isEqualByComparingTo("21.25");
        assertThat(posting.getHourlyRate()).isEqualTo(new BigDecimal("85.0000"));
        assertThat(posting.getWindowStart()).isEqualTo(START);
        assertThat(posting.getWindowEnd()).isEqualTo(END);
        assertThat(posting.getFuelUsed().getValue()).isEqualTo(7.5);
        assertThat(posting.getFuelUsed().getUnit()).isEqualTo("L");
        assertThat(posting.getCorrectionOf()).isNull();
        assertThat(posting.getMetadata().getSourceSystem()).isEqualTo(CostPostings.SOURCE_SYSTEM);
    }
}
