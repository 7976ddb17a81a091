package io.trestle.bench.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Orders one part of the fleet's readings (each machine's readings of the part, in sequence) as they reach Trestle: on
 * time, except exactly {@code round(share × readings)} late ones and as many duplicates.
 *
 * <p>
 * A late reading is handed over just after the machine's next reading (before the one after), so it is out of order by
 * one reading interval — at most 10 minutes, within the aggregator's reorder horizon (30 minutes by default). Late
 * readings are never neighbours, so each is out of order by exactly one place. A duplicate is a resend of a reading,
 * same id and values, handed over before the machine's next reading; a reading is never both late and duplicated. Only
 * readings whose next reading lies in the same part qualify, so the parts stay apart.
 */
final class DeliveryPlan {

    private static final Comparator<Delivery> HAND_OVER_ORDER = Comparator.comparing(Delivery::deliverAt)
            .thenComparingInt(delivery -> delivery.reading().assetIndex())
            .thenComparingInt(delivery -> delivery.reading().sequence())
            .thenComparing(Delivery::kind);

    private DeliveryPlan() {
    }

    static List<Delivery> deliveries(List<List<Reading>> series, double lateShare, double duplicateShare,
            SplittableRandom random) {
        int readings = series.stream().mapToInt(List::size).sum();
        int lateCount = (int) Math.round(readings * lateShare);
        int duplicateCount = (int) Math.round(readings * duplicateShare);

        List<long[]> candidates = new ArrayList<>();
        for (int asset = 0; asset < series.size(); asset++) {
            for (int sequence = 0; sequence < series.get(asset).size() - 1; sequence++) {
                candidates.add(new long[]{asset, sequence});
            }
        }
        shuffle(candidates, random);
        Set<Long> late = new HashSet<>();
        for (long[] candidate : candidates) {
            if (late.size() == lateCount) {
                break;
            }
            int asset = (int) candidate[0];
            int sequence = (int) candidate[1];
            if (!late.contains(key(asset, sequence - 1)) && !late.contains(key(asset, sequence + 1))) {
                late.add(key(asset, sequence));
            }
        }
        Set<Long> duplicated = new HashSet<>();
        for (long[] candidate : candidates) {
            if (duplicated.size() == duplicateCount) {
                break;
            }
            long key = key((int) candidate[0], (int) candidate[1]);
            if (!late.contains(key)) {
                duplicated.add(key);
            }
        }
        if (late.size() < lateCount || duplicated.size() < duplicateCount) {
            throw new IllegalArgumentException("too few readings per machine for " + lateCount + " late readings and "
                    + duplicateCount + " duplicates; generate more readings per asset");
        }

        List<Delivery> deliveries = new ArrayList<>(readings + duplicateCount);
        for (int asset = 0; asset < series.size(); asset++) {
            List<Reading> machine = series.get(asset);
            for (int sequence = 0; sequence < machine.size(); sequence++) {
                Reading reading = machine.get(sequence);
                long key = key(asset, sequence);
                if (late.contains(key)) {
                    deliveries.add(new Delivery(reading, Delivery.Kind.LATE,
                            afterNext(machine, sequence, random)));
                } else {
                    deliveries.add(new Delivery(reading, Delivery.Kind.ON_TIME, reading.readingTime()));
                }
                if (duplicated.contains(key)) {
                    deliveries.add(new Delivery(reading, Delivery.Kind.DUPLICATE,
                            between(reading.readingTime(), machine.get(sequence + 1).readingTime(), 0.1, 0.9,
                                    random)));
                }
            }
        }
        deliveries.sort(HAND_OVER_ORDER);
        return deliveries;
    }

    /** Just after the next reading, and before the one after it when that lies in the part. */
    private static Instant afterNext(List<Reading> machine, int sequence, SplittableRandom random) {
        Instant next = machine.get(sequence + 1).readingTime();
        if (sequence + 2 < machine.size()) {
            return between(next, machine.get(sequence + 2).readingTime(), 0.1, 0.5, random);
        }
        return next.plusSeconds(1 + random.nextLong(30));
    }

    private static Instant between(Instant from, Instant to, double low, double high, SplittableRandom random) {
        long span = Duration.between(from, to).toMillis();
        long offset = (long) (span * (low + (high - low) * random.nextDouble()));
        return from.plusMillis(Math.max(1, offset));
    }

    private static long key(int asset, int sequence) {
        return ((long) asset << 32) | (sequence & 0xffffffffL);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swapped = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swapped);
        }
    }
}
