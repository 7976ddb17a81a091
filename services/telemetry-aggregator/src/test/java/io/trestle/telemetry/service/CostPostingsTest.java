package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.domain.LineKey;
import io.trestle.telemetry.domain.LineValues;
import io.trestle.telemetry.domain.PostedLine;

class CostPostingsTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant END = Instant.parse("2026-11-27T08:15:00Z");
    private static final LineValues VALUES = new LineValues("T-7", 0.25, 0.05, 7.5, "L", new BigDecimal("21.25"),
            new BigDecimal("85.0000"), "EUR");

    @Test
    void postingIdDependsOnWhatThePostingIsAboutNotWhenItWasComputed() {
        String id = CostPostings.postingId("42", "100", "EX-1", START, END, 0);

        assertThat(CostPostings.postingId("42", "100", "EX-1", START, END, 0)).isEqualTo(id);
        assertThat(CostPostings.postingId("42", "100", "EX-2", START, END, 0)).isNotEqualTo(id);
        assertThat(CostPostings.postingId("42", "101", "EX-1", START, END, 0)).isNotEqualTo(id);
        assertThat(CostPostings.postingId(null, "100", "EX-1", START, END, 0)).isNotEqualTo(id);
        assertThat(CostPostings.postingId("42", "100", "EX-1", START, END, 1)).isNotEqualTo(id);
    }

    @Test
    void anOriginalPostingCarriesTheLineUsageRateAndWindow() {
        String id = CostPostings.postingId("42", "100", "EX-1", START, END, 0);
        PostedLine line = new PostedLine(new LineKey("42", "100"), null, VALUES, 0, id, id);

        CostPosting posting = CostPostings.toPosting(line, "EX-1", START, END, END);

        assertThat(posting.getPostingId()).isEqualTo(id);
        assertThat(posting.getMetadata().getEventId().toString()).isEqualTo(id);
        assertThat(posting.getProjectId()).isEqualTo("42");
        assertThat(posting.getTaskId()).isEqualTo("T-7");
        assertThat(posting.getCostCodeId()).isEqualTo("100");
        assertThat(posting.getAmount()).isEqualByComparingTo("21.25");
        assertThat(posting.getHourlyRate()).isEqualTo(new BigDecimal("85.0000"));
        assertThat(posting.getWindowStart()).isEqualTo(START);
        assertThat(posting.getWindowEnd()).isEqualTo(END);
        assertThat(posting.getFuelUsed().getValue()).isEqualTo(7.5);
        assertThat(posting.getFuelUsed().getUnit()).isEqualTo("L");
        assertThat(posting.getRevision()).isZero();
        assertThat(posting.getCorrectionOf()).isNull();
        assertThat(posting.getMetadata().getSourceSystem()).isEqualTo(CostPostings.SOURCE_SYSTEM);
    }

    @Test
    void aCorrectionNamesTheOriginalPosting() {
        String original = CostPostings.postingId("42", "100", "EX-1", START, END, 0);
        String second = CostPostings.postingId("42", "100", "EX-1", START, END, 2);
        PostedLine line = new PostedLine(new LineKey("42", "100"), null, VALUES, 2, second, original);

        CostPosting posting = CostPostings.toPosting(line, "EX-1", START, END, END);

        assertThat(posting.getPostingId()).isEqualTo(second);
        assertThat(posting.getRevision()).isEqualTo(2);
        assertThat(posting.getCorrectionOf()).isEqualTo(original);
    }
}
