package io.trestle.bench.ingest;

import java.time.Duration;
import java.util.Arrays;

/**
 * Keeps concurrent lanes within {@code maxSkew} of each other in simulated time: a lane whose next request starts more
 * than that ahead of the slowest other lane waits. Stream time in the aggregator is shared by the machines of a
 * partition, so a lane running far ahead would close windows before the readings of another lane arrived — lateness the
 * generator did not ask for. The slowest lane never waits, so the lanes cannot deadlock.
 */
final class LaneBarrier {

    private static final long FINISHED = Long.MAX_VALUE;

    private final long[] progress;
    private final long maxSkewMillis;

    LaneBarrier(int lanes, Duration maxSkew) {
        this.progress = new long[lanes];
        Arrays.fill(progress, Long.MIN_VALUE);
        this.maxSkewMillis = maxSkew.toMillis();
    }

    /** Records where the lane's next request starts, and waits until it is within the skew of every other lane. */
    synchronized void awaitTurn(int lane, long simulatedMillis) throws InterruptedException {
        progress[lane] = simulatedMillis;
        notifyAll();
        while (mustWait(lane, simulatedMillis)) {
            wait();
        }
    }

    /** Whether a request of {@code lane} starting at {@code simulatedMillis} is too far ahead of the other lanes. */
    synchronized boolean mustWait(int lane, long simulatedMillis) {
        return simulatedMillis - maxSkewMillis > slowestOther(lane);
    }

    synchronized void finish(int lane) {
        progress[lane] = FINISHED;
        notifyAll();
    }

    private long slowestOther(int lane) {
        long slowest = FINISHED;
        for (int other = 0; other < progress.length; other++) {
            if (other != lane) {
                slowest = Math.min(slowest, progress[other]);
            }
        }
        return slowest;
    }
}
