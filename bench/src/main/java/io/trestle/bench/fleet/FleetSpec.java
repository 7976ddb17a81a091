package io.trestle.bench.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What to generate: {@code assets} machines reporting from {@code start}, first {@code bulkReadings} readings per
 * machine on average (the bulk part, replayed as fast as the system takes it), then {@code liveReadings} more (the live
 * part, sent at a steady pace). The parts are cut at one instant, {@link #liveStart()}, for every machine: stream time
 * is shared by the machines of a partition, so a ragged cut would leave some machines' windows behind the others'
 * stream time, to be posted late or corrected when the live part arrives.
 *
 * @param duplicateShare
 *            duplicates sent on top of the readings, as a share of them (each a resend of a reading, same id and
 *            values, before the machine's next reading)
 * @param outOfOrderShare
 *            share of readings delivered after the machine's next reading (so at most one reading interval late, within
 *            the aggregator's reorder horizon)
 * @param reservedShare
 *            share of machines with reservations; the others' usage is unallocated
 */
public record FleetSpec(long seed, int assets, int bulkReadings, int liveReadings, Instant start, double duplicateShare,
        double outOfOrderShare, double reservedShare) {

    /** Readings come every 1 to 10 minutes. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(10);
    /** The mean of the uniform 1–10 minute interval, which turns readings per machine into time. */
    public static final Duration MEAN_INTERVAL = MIN_INTERVAL.plus(MAX_INTERVAL).dividedBy(2);
    private static final Duration LIVE_START = Duration.ofHours(14);

    public FleetSpec {
        if (assets < 1) {
            throw new IllegalArgumentException("assets must be at least 1, was " + assets);
        }
        // Every reading chosen to be late or duplicated needs a next reading in its part, and late ones are never
        // adjacent, so a part needs a handful of readings per machine to hold 1 % of each.
        if (bulkReadings < 10 || (liveReadings != 0 && liveReadings < 10)) {
            throw new IllegalArgumentException("readings per asset must be at least 10 in bulk and 0 or at least 10 "
                    + "live, were " + bulkReadings + " and " + liveReadings);
        }
        if (duplicateShare < 0 || duplicateShare > 0.2 || outOfOrderShare < 0 || outOfOrderShare > 0.2) {
            throw new IllegalArgumentException("duplicate and out-of-order shares must lie in [0, 0.2]");
        }
        if (reservedShare < 0 || reservedShare > 1) {
            throw new IllegalArgumentException("reservedShare must lie in [0, 1], was " + reservedShare);
        }
    }

    /** The realistic defaults: 1 % duplicates, 1 % out of order, 90 % of machines reserved. */
    public static FleetSpec of(long seed, int assets, int bulkReadings, int liveReadings, Instant start) {
        return new FleetSpec(seed, assets, bulkReadings, liveReadings, start, 0.01, 0.01, 0.9);
    }

    /**
     * The default start, chosen so the live part begins in the middle of a day shift (14:00 UTC) — latency is measured
     * on machines at work, not at night when windows have no usage to post — and the bulk part before it covers night
     * and morning in about the proportion of a working day, so the aggregator's throughput is not flattered by idle
     * hours. It is the latest such time that keeps every reading in the past with an hour to spare, since the connector
     * refuses readings from the future.
     */
    public static Instant defaultStart(int bulkReadings, int liveReadings, Instant now) {
        Instant latestLive = now.minus(MEAN_INTERVAL.multipliedBy(liveReadings)).minus(Duration.ofHours(1));
        Instant live = latestLive.truncatedTo(ChronoUnit.DAYS).plus(LIVE_START);
        if (live.isAfter(latestLive)) {
            live = live.minus(Duration.ofDays(1));
        }
        return live.minus(MEAN_INTERVAL.multipliedBy(bulkReadings));
    }

    /** Where the bulk part ends and the live part begins, in reading time. */
    public Instant liveStart() {
        return start.plus(MEAN_INTERVAL.multipliedBy(bulkReadings));
    }

    /** No reading lies at or beyond this. */
    public Instant end() {
        return liveStart().plus(MEAN_INTERVAL.multipliedBy(liveReadings));
    }
}
