package io.trestle.telemetry.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A project's posted equipment cost per cost code and UTC day (the period), each line at its "
        + "latest revision, so corrections replace what they correct. Days without postings are left out.")
public record ProjectCostView(String projectId, LocalDate from, LocalDate to,
        @Schema(description = "The cost code asked for, or null for all") String costCode,
        @Schema(description = "ISO 4217 code of every amount; null when nothing was posted") String currency,
        List<CostCode> costCodes, Figures total) {

    @Schema(description = "One cost code: its days and their sum")
    public record CostCode(String costCodeId, List<Period> periods, Figures total) {
    }

    @Schema(description = "One UTC day on one cost code")
    public record Period(LocalDate day, double operatingHours, double idleHours, BigDecimal amount) {
    }

    public record Figures(double operatingHours, double idleHours, BigDecimal amount) {
    }
}
