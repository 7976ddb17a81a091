package io.trestle.telemetry.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.trestle.telemetry.domain.AssetDay;
import io.trestle.telemetry.domain.DayUtilization;
import io.trestle.telemetry.domain.ProjectDayCost;
import io.trestle.telemetry.topology.AnalyticsKeys;

/** Answers from one instance's stores: range scans over keys that sort by date. */
public final class AnalyticsReads {

    /** Hours and ratios are summed from doubles; four decimals is what the postings carry. */
    private static final int SCALE = 4;
    public static final Comparator<TopIdleView.IdleAsset> MOST_IDLE_FIRST = Comparator
            .comparingDouble(TopIdleView.IdleAsset::idleHours).reversed()
            .thenComparing(TopIdleView.IdleAsset::assetId);

    private AnalyticsReads() {
    }

    public static AssetUtilizationView utilization(ReadOnlyKeyValueStore<String, AssetDay> store, String assetId,
            DateRange range) {
        Map<LocalDate, AssetDay> posted = new TreeMap<>();
        try (KeyValueIterator<String, AssetDay> days = store.range(AnalyticsKeys.rangeStart(assetId, range.from()),
                AnalyticsKeys.rangeEnd(assetId, range.to()))) {
            days.forEachRemaining(entry -> posted.put(
                    LocalDate.parse(entry.key.substring(entry.key.lastIndexOf('|') + 1)), entry.value));
        }
        List<AssetUtilizationView.Day> days = range.stream().map(day -> {
            DayUtilization figures = DayUtilization.of(assetId, day.toString(),
                    posted.getOrDefault(day, AssetDay.EMPTY));
            return new AssetUtilizationView.Day(day, round(figures.operatingHours()), round(figures.idleHours()),
                    figures.availableHours(), round(figures.utilization()));
        }).toList();
        double operating = days.stream().mapToDouble(AssetUtilizationView.Day::operatingHours).sum();
        double available = days.stream().mapToDouble(AssetUtilizationView.Day::availableHours).sum();
        return new AssetUtilizationView(assetId, range.from(), range.to(), days,
                new AssetUtilizationView.Figures(round(operating),
                        round(days.stream().mapToDouble(AssetUtilizationView.Day::idleHours).sum()), available,
                        available == 0 ? 0 : round(operating / available)));
    }

    public static ProjectCostView costs(ReadOnlyKeyValueStore<String, ProjectDayCost> store, String projectId,
            DateRange range, Optional<String> costCode) {
        Map<String, List<ProjectCostView.Period>> byCostCode = new TreeMap<>();
        String currency = null;
        try (KeyValueIterator<String, ProjectDayCost> entries = store.range(
                AnalyticsKeys.rangeStart(projectId, range.from()), AnalyticsKeys.rangeEnd(projectId, range.to()))) {
            while (entries.hasNext()) {
                var entry = entries.next();
                // <projectId>|<day>|<costCodeId>: the cost code may itself hold '|', the project id and date not.
                String rest = entry.key.substring(projectId.length() + 1);
                LocalDate day = LocalDate.parse(rest.substring(0, rest.indexOf('|')));
                String code = rest.substring(rest.indexOf('|') + 1);
                if (costCode.isPresent() && !costCode.get().equals(code)) {
                    continue;
                }
                currency = entry.value.currency();
                byCostCode.computeIfAbsent(code, c -> new ArrayList<>()).add(new ProjectCostView.Period(day,
                        round(entry.value.operatingHours()), round(entry.value.idleHours()), entry.value.amount()));
            }
        }
        List<ProjectCostView.CostCode> costCodes = byCostCode.entrySet().stream()
                .map(entry -> new ProjectCostView.CostCode(entry.getKey(), entry.getValue(), sum(entry.getValue())))
                .toList();
        return new ProjectCostView(projectId, range.from(), range.to(), costCode.orElse(null), currency, costCodes,
                sum(byCostCode.values().stream().flatMap(List::stream).toList()));
    }

    /** This instance's most idle assets of {@code day}; the overall top is among the union of every instance's. */
    public static List<TopIdleView.IdleAsset> mostIdle(ReadOnlyKeyValueStore<String, DayUtilization> store,
            LocalDate day, int limit) {
        List<TopIdleView.IdleAsset> assets = new ArrayList<>();
        String prefix = AnalyticsKeys.dayPrefix(day);
        try (KeyValueIterator<String, DayUtilization> entries = store.range(prefix, AnalyticsKeys.prefixEnd(prefix))) {
            entries.forEachRemaining(entry -> assets.add(new TopIdleView.IdleAsset(entry.value.assetId(),
                    round(entry.value.idleHours()), round(entry.value.operatingHours()), entry.value.availableHours(),
                    round(entry.value.utilization()))));
        }
        return assets.stream().sorted(MOST_IDLE_FIRST).limit(limit).toList();
    }

    private static ProjectCostView.Figures sum(List<ProjectCostView.Period> periods) {
        return new ProjectCostView.Figures(
                round(periods.stream().mapToDouble(ProjectCostView.Period::operatingHours).sum()),
                round(periods.stream().mapToDouble(ProjectCostView.Period::idleHours).sum()),
                periods.stream().map(ProjectCostView.Period::amount).reduce(BigDecimal.ZERO.setScale(2),
                        BigDecimal::add));
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_EVEN).doubleValue();
    }
}
