package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestPostings.costs;
import static io.trestle.odoosink.TestPostings.posting;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.trestle.odoosink.service.AnalyticLines.Mapped;
import io.trestle.odoosink.service.AnalyticLines.Refused;
import io.trestle.schema.cost.CostPosting;

class AnalyticLinesTest {

    @Test
    void aPostingBecomesANegativeAnalyticAmountOnItsCostCodesAccountUnderADeterministicExternalId() {
        CostPosting posting = posting("0f8e2a52-1c3d-4a57-9a38-5b7f2f6b1a10", "42", "EX-1001", "23.75");

        AnalyticLines.Mapping mapping = AnalyticLines.map(costs(null), posting);

        assertThat(mapping).isInstanceOf(Mapped.class);
        assertThat(((Mapped) mapping).row().values()).containsExactly(
                "trestle.cost_posting_0f8e2a52_1c3d_4a57_9a38_5b7f2f6b1a10",
                "EX-1001 2026-11-26T08:00:00Z–2026-11-26T08:15:00Z UTC: 0.25 h × 95 EUR", "2026-11-26", "-23.75",
                "0.25", "0f8e2a52-1c3d-4a57-9a38-5b7f2f6b1a10", "42");
    }

    @Test
    void aCorrectionTakesOverTheExternalIdOfThePostingItCorrects() {
        CostPosting correction = posting("c-2", "42", "EX-1001", "30.00");
        correction.setCorrectionOf("original-1");

        Mapped mapped = (Mapped) AnalyticLines.map(costs(null), correction);

        assertThat(mapped.row().externalId()).isEqualTo("trestle.cost_posting_original_1");
        assertThat(mapped.row().values()).contains("c-2", "-30.00");
    }

    @Test
    void unallocatedUsageGoesToTheConfiguredAccountAndIsRefusedWithoutOne() {
        CostPosting unallocated = posting("p-1", "UNALLOCATED", "EX-1001", "10.00");

        assertThat(((Mapped) AnalyticLines.map(costs(7L), unallocated)).row().values()).endsWith("7");
        assertThat(AnalyticLines.map(costs(null), unallocated)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reasonCode()).isEqualTo("UNKNOWN_CANONICAL_ID"));
    }

    @Test
    void costCodesThatAreNotOdooIdsAndNegativeAmountsNeverReachOdoo() {
        assertThat(AnalyticLines.map(costs(7L), posting("p-2", "P6-WBS-1.2", "EX-1", "1.00")))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.message()).contains("'P6-WBS-1.2'"));
        assertThat(AnalyticLines.map(costs(7L), posting("p-3", "42", "EX-1", "-1.00")))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("NEGATIVE_VALUE"));
    }
}
