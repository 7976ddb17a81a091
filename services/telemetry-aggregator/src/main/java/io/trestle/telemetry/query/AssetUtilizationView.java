package io.trestle.telemetry.query;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An asset's utilization per UTC day from its posted usage. Every day of the range is listed; a day "
        + "without postings has 0 operating hours. Available hours are the whole day (24) while the aggregator knows "
        + "no downtime; utilization = operating / available hours. Idle hours are part of the operating hours.")
public record AssetUtilizationView(String assetId, LocalDate from, LocalDate to, List<Day> days, Figures total) {

    @Schema(description = "One UTC day")
    public record Day(LocalDate day, double operatingHours, double idleHours, double availableHours,
            double utilization) {
    }

    @Schema(description = "Sums over the range; utilization = operating / available hours of the range")
    public record Figures(double operatingHours, double idleHours, double availableHours, double utilization) {
    }
}
