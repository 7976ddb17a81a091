package io.trestle.telemetry.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.trestle.telemetry.domain.CounterReading;
import io.trestle.telemetry.domain.RecentReadings;
import io.trestle.telemetry.domain.UsageDelta;
import io.trestle.telemetry.domain.UsageRevision;

/**
 * Turns cumulative counters into usage between neighbouring readings of one asset, in reading-time order.
 *
 * <p>
 * <b>Out of order.</b> The asset's readings of the last {@link Rules#reorderHorizon()} (counted back from its newest
 * reading) are kept. A reading that arrives late but within that horizon is put between its neighbours P and N, and the
 * usage P→N already reported is replaced by P→reading and reading→N: the total stays the same, only its place in time
 * becomes more precise. Recomputing against the neighbours was chosen over holding readings back until the horizon has
 * passed because it delays nothing: windows close on time, and the rare late reading becomes a correction of the
 * windows it touches. A late reading that does not fit between its neighbours (a counter lower than the one before or
 * higher than the one after) is flagged and ignored, leaving P→N as it was. A reading older than everything kept
 * changes nothing: its usage lies in a span already charged.
 *
 * <p>
 * <b>Duplicates.</b> A second reading with the same reading time is the same reading; the first one counts.
 *
 * <p>
 * <b>Resets.</b> A counter that runs backwards was reset or its meter replaced. If the new value is no more than the
 * elapsed time allows, the meter is taken to have restarted from zero within the interval and the new value is charged
 * (the usage since the reset point); otherwise nothing is charged. Either way the reading is flagged for review and
 * becomes the new baseline, and no delta is ever negative. A counter that rose more than the elapsed time allows (plus
 * the meter's resolution) is flagged and not charged.
 *
 * <p>
 * <b>Gaps.</b> Usage between readings at most {@link Rules#maxGap()} apart is spread evenly over the time between them
 * (and so over the windows in between, see {@link WindowSplitter}). Across a longer gap nobody can say when the machine
 * worked: that usage is flagged with its hours and not attributed to any window.
 */
public final class CounterDeltas {

    private static final String GAP_TOO_LONG = "READING_GAP_TOO_LONG";
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private CounterDeltas() {
    }

    /**
     * @param maxGap
     *            longest time between two readings whose usage is still spread over the windows in between
     * @param meterResolutionHours
     *            how much an hour meter may exceed the elapsed time through its rounding, e.g. 1.0 for meters that
     *            report whole hours
     * @param reorderHorizon
     *            how far behind the asset's newest reading a late reading is still put in its place
     */
    public record Rules(Duration maxGap, double meterResolutionHours, Duration reorderHorizon) {
    }

    /** Why usage was not charged as reported; the code is a quarantine reason code of the schemas catalogue. */
    public record Anomaly(String reasonCode, String message) {

        /** Whether the counters contradict each other, as opposed to being too far apart in time. */
        boolean contradictsCounters() {
            return !GAP_TOO_LONG.equals(reasonCode);
        }
    }

    /** The outcome of one reading: the readings to keep, what it says about usage, and anything to review. */
    public record Step(RecentReadings readings, UsageRevision revision, List<Anomaly> anomalies) {
    }

    /** Usage from one reading to the next, with the later reading's counters as the next baseline. */
    record Delta(CounterReading later, Optional<UsageDelta> usage, Optional<Anomaly> anomaly) {
    }

    public static Step next(Rules rules, RecentReadings history, CounterReading reading) {
        long time = reading.readingTime();
        Optional<CounterReading> previous = history.before(time);
        Optional<CounterReading> following = history.after(time);
        if (history.contains(time) || (previous.isEmpty() && following.isPresent() && history.truncated())) {
            return new Step(history, UsageRevision.none(time), List.of());
        }
        if (previous.isEmpty() && following.isEmpty()) {
            return new Step(history.with(reading), UsageRevision.none(time), List.of());
        }
        if (following.isEmpty()) {
            Delta delta = between(rules, previous.get(), reading);
            return new Step(history.with(delta.later()).keepingFrom(time - rules.reorderHorizon().toMillis()),
                    new UsageRevision(previous.get().readingTime(), time, delta.usage().stream().toList()),
                    delta.anomaly().stream().toList());
        }
        if (previous.isEmpty()) {
            return insert(history, reading, List.of(between(rules, reading, following.get())), time,
                    following.get().readingTime());
        }
        Delta before = between(rules, previous.get(), reading);
        Delta after = between(rules, before.later(), following.get());
        return insert(history, before.later(), List.of(before, after), previous.get().readingTime(),
                following.get().readingTime());
    }

    /** A late reading between (or before) kept readings: it replaces the usage of the span it falls into. */
    private static Step insert(RecentReadings history, CounterReading reading, List<Delta> deltas, long from,
            long to) {
        Optional<Anomaly> contradiction = deltas.stream().flatMap(delta -> delta.anomaly().stream())
                .filter(Anomaly::contradictsCounters).findFirst();
        if (contradiction.isPresent()) {
            return new Step(history, UsageRevision.none(reading.readingTime()), List.of(new Anomaly(
                    contradiction.get().reasonCode(),
                    "reading at %s arrived out of order and does not fit between the readings around it (%s); ignored, the usage from %s to %s stands"
                            .formatted(Instant.ofEpochMilli(reading.readingTime()),
                                    contradiction.get().message(), Instant.ofEpochMilli(from),
                                    Instant.ofEpochMilli(to)))));
        }
        List<UsageDelta> usage = new ArrayList<>();
        List<Anomaly> gaps = new ArrayList<>();
        deltas.forEach(delta -> {
            delta.usage().ifPresent(usage::add);
            delta.anomaly().ifPresent(gaps::add);
        });
        return new Step(history.with(reading), new UsageRevision(from, to, usage), gaps);
    }

    static Delta between(Rules rules, CounterReading previous, CounterReading current) {
        CounterReading later = new CounterReading(current.readingTime(), current.operatingHours(),
                current.idleHours() != null ? current.idleHours() : previous.idleHours(),
                current.fuelUsed() != null ? current.fuelUsed() : previous.fuelUsed(),
                current.fuelUsed() != null ? current.fuelUnit() : previous.fuelUnit());
        long elapsedMillis = current.readingTime() - previous.readingTime();
        if (elapsedMillis > rules.maxGap().toMillis()) {
            return new Delta(later, Optional.empty(), Optional.of(new Anomaly(GAP_TOO_LONG,
                    "%s between readings exceeds the maximum gap of %s; the %.3f operating hours in between are not charged because their windows are unknown"
                            .formatted(Duration.ofMillis(elapsedMillis), rules.maxGap(),
                                    current.operatingHours() - previous.operatingHours()))));
        }
        double elapsedHours = elapsedMillis / MILLIS_PER_HOUR;
        Change operating = change("cumulativeOperatingHours", previous.operatingHours(), current.operatingHours(),
                elapsedHours, rules);
        Change idle = current.idleHours() != null && previous.idleHours() != null
                ? change("cumulativeIdleHours", previous.idleHours(), current.idleHours(), elapsedHours, rules)
                : null;
        Double fuel = current.fuelUnit() != null && current.fuelUnit().equals(previous.fuelUnit())
                && current.fuelUsed() != null && previous.fuelUsed() != null
                && current.fuelUsed() >= previous.fuelUsed() ? current.fuelUsed() - previous.fuelUsed() : null;
        UsageDelta usage = new UsageDelta(previous.readingTime(), current.readingTime(), operating.hours(),
                idle == null ? null : idle.hours(), fuel, fuel == null ? null : current.fuelUnit());
        return new Delta(later, Optional.of(usage),
                operating.anomaly().or(() -> idle == null ? Optional.empty() : idle.anomaly()));
    }

    private record Change(double hours, Optional<Anomaly> anomaly) {
    }

    private static Change change(String counter, double before, double after, double elapsedHours, Rules rules) {
        double allowed = elapsedHours + rules.meterResolutionHours();
        if (after < before) {
            if (after <= allowed) {
                return new Change(after, Optional.of(new Anomaly("COUNTER_WENT_BACKWARDS",
                        "%s went from %s to %s: taken as a reset to zero within %.3f h, the %s h since the reset are charged"
                                .formatted(counter, before, after, elapsedHours, after))));
            }
            return new Change(0, Optional.of(new Anomaly("COUNTER_WENT_BACKWARDS",
                    "%s went from %s to %s, more than %.3f h of elapsed time since a reset; baseline restarted, nothing charged"
                            .formatted(counter, before, after, elapsedHours))));
        }
        if (after - before > allowed) {
            return new Change(0, Optional.of(new Anomaly("VALUE_OUT_OF_RANGE",
                    "%s rose by %.3f h in %.3f h of elapsed time; baseline restarted, nothing charged"
                            .formatted(counter, after - before, elapsedHours))));
        }
        return new Change(after - before, Optional.empty());
    }
}
