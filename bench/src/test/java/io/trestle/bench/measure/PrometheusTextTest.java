package io.trestle.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP trestle_odoo_sink_postings_total Postings by outcome
            # TYPE trestle_odoo_sink_postings_total counter
            trestle_odoo_sink_postings_total{input="cost-posting",outcome="posted"} 1200.0
            trestle_odoo_sink_postings_total{input="cost-posting",outcome="rejected"} 3.0
            trestle_odoo_sink_postings_total{input="work-order",outcome="posted"} 7.0
            trestle_odoo_sink_postings_total_created{input="cost-posting",outcome="posted"} 1.7E9
            trestle_odoo_sink_lag 0.0
            """;

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        assertThat(PrometheusText.sum(EXPOSITION, "trestle_odoo_sink_postings_total",
                Map.of("input", "cost-posting", "outcome", "posted"))).isEqualTo(1200.0);
        assertThat(PrometheusText.sum(EXPOSITION, "trestle_odoo_sink_postings_total", Map.of("outcome", "posted")))
                .isEqualTo(1207.0);
    }

    @Test
    void aMetricWhoseNameMerelyStartsTheSameIsNotCounted() {
        assertThat(PrometheusText.sum(EXPOSITION, "trestle_odoo_sink_postings_total", Map.of())).isEqualTo(1210.0);
        assertThat(PrometheusText.sum(EXPOSITION, "trestle_odoo_sink_lag", Map.of())).isZero();
    }

    @Test
    void aMissingMetricSumsToZero() {
        assertThat(PrometheusText.sum(EXPOSITION, "trestle_unknown_total", Map.of("a", "b"))).isZero();
    }
}
