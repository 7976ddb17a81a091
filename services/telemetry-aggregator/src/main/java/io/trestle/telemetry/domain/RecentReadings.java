package io.trestle.telemetry.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The readings of one asset within the reordering horizon, oldest first, so a reading that arrives out of order can be
 * put between its neighbours.
 *
 * @param readings
 *            sorted by reading time, no two with the same time
 * @param truncated
 *            whether older readings were dropped: a reading before the oldest kept one then falls into a span already
 *            charged and must not be charged again
 */
public record RecentReadings(List<CounterReading> readings, boolean truncated) {

    public static final RecentReadings NONE = new RecentReadings(List.of(), false);

    public RecentReadings {
        readings = List.copyOf(readings);
    }

    public boolean contains(long readingTime) {
        return readings.stream().anyMatch(reading -> reading.readingTime() == readingTime);
    }

    /** The latest reading before {@code readingTime}. */
    public Optional<CounterReading> before(long readingTime) {
        return readings.stream().filter(reading -> reading.readingTime() < readingTime)
                .max(Comparator.comparingLong(CounterReading::readingTime));
    }

    /** The earliest reading after {@code readingTime}. */
    public Optional<CounterReading> after(long readingTime) {
        return readings.stream().filter(reading -> reading.readingTime() > readingTime)
                .min(Comparator.comparingLong(CounterReading::readingTime));
    }

    public RecentReadings with(CounterReading reading) {
        List<CounterReading> all = new ArrayList<>(readings);
        all.add(reading);
        all.sort(Comparator.comparingLong(CounterReading::readingTime));
        return new RecentReadings(all, truncated);
    }

    /**
     * Drops the readings older than {@code cutoff} except the latest of them, which stays as the neighbour of a reading
     * arriving just after the cutoff.
     */
    public RecentReadings keepingFrom(long cutoff) {
        int firstKept = 0;
        while (firstKept + 1 < readings.size() && readings.get(firstKept + 1).readingTime() <= cutoff) {
            firstKept++;
        }
        return firstKept == 0 ? this : new RecentReadings(readings.subList(firstKept, readings.size()), true);
    }
}
