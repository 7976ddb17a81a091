package io.trestle.telemetry.topology;

import java.time.LocalDate;

/**
 * Keys of the analytics stores. Days are ISO dates ({@code yyyy-MM-dd}), so the stores' byte order is date order and a
 * date range of one asset or project is a key range.
 */
public final class AnalyticsKeys {

    private static final char SEPARATOR = '|';
    /** Sorts after every date and id character the keys use, so {@code prefix + END} closes a range. */
    private static final String END = "|~";

    private AnalyticsKeys() {
    }

    /** Key of {@link UsageTopology#UTILIZATION_STORE} and of the utilization topic. */
    public static String assetDay(String assetId, LocalDate day) {
        return assetId + SEPARATOR + day;
    }

    /** Key of {@link UsageTopology#DAILY_UTILIZATION_STORE}: all assets of a day are one prefix. */
    public static String dayAsset(LocalDate day, String assetId) {
        return day.toString() + SEPARATOR + assetId;
    }

    public static String dayPrefix(LocalDate day) {
        return day.toString() + SEPARATOR;
    }

    /** Key of {@link UsageTopology#PROJECT_COST_STORE}: a project's days are a key range, cost codes within a day. */
    public static String projectDayCostCode(String projectId, LocalDate day, String costCodeId) {
        return projectId + SEPARATOR + day + SEPARATOR + costCodeId;
    }

    /**
     * Key of {@link UsageTopology#PROJECT_COST_DAYS_STORE}, the day index of the cost store: the days before a date are
     * one range.
     */
    public static String dayProjectCostCode(LocalDate day, String projectId, String costCodeId) {
        return day.toString() + SEPARATOR + projectId + SEPARATOR + costCodeId;
    }

    /** The first key of a project's day (or of an asset's, for the utilization store). */
    public static String rangeStart(String id, LocalDate day) {
        return id + SEPARATOR + day;
    }

    /** A key after every key of the project's (or asset's) {@code day}, whatever follows the date. */
    public static String rangeEnd(String id, LocalDate day) {
        return id + SEPARATOR + day + END;
    }

    /** A key after every key beginning with {@code prefix}. */
    public static String prefixEnd(String prefix) {
        return prefix + '~';
    }
}
