package io.trestle.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LaneBarrierTest {

    private static final long MINUTE = 60_000;

    @Test
    void aLaneMoreThanTheSkewAheadOfTheSlowestMustWait() throws Exception {
        LaneBarrier barrier = new LaneBarrier(3, Duration.ofMinutes(5));
        CompletableFuture.allOf(awaitTurnAsync(barrier, 0, 10 * MINUTE), awaitTurnAsync(barrier, 1, 12 * MINUTE),
                awaitTurnAsync(barrier, 2, 10 * MINUTE)).get(10, TimeUnit.SECONDS);

        assertThat(barrier.mustWait(2, 15 * MINUTE)).isFalse();
        assertThat(barrier.mustWait(2, 16 * MINUTE)).isTrue();
    }

    @Test
    void untilEveryLaneHasStartedTheOthersWait() {
        LaneBarrier barrier = new LaneBarrier(2, Duration.ofMinutes(5));

        assertThat(barrier.mustWait(0, 0)).isTrue();
    }

    @Test
    void aWaitingLaneGoesOnOnceTheSlowestCatchesUp() throws Exception {
        LaneBarrier barrier = new LaneBarrier(2, Duration.ofMinutes(5));
        CompletableFuture<Void> slowest = awaitTurnAsync(barrier, 0, 0);
        CompletableFuture<Void> ahead = awaitTurnAsync(barrier, 1, 20 * MINUTE);
        slowest.get(10, TimeUnit.SECONDS);
        assertThat(barrier.mustWait(1, 20 * MINUTE)).isTrue();

        barrier.awaitTurn(0, 16 * MINUTE);

        ahead.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFinishedLaneHoldsNobodyBack() throws Exception {
        LaneBarrier barrier = new LaneBarrier(2, Duration.ofMinutes(5));
        CompletableFuture<Void> slowest = awaitTurnAsync(barrier, 0, 0);
        CompletableFuture<Void> ahead = awaitTurnAsync(barrier, 1, 60 * MINUTE);
        slowest.get(10, TimeUnit.SECONDS);

        barrier.finish(0);

        ahead.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSlowestLaneNeverWaits() throws Exception {
        LaneBarrier barrier = new LaneBarrier(3, Duration.ofMinutes(1));
        CompletableFuture<Void> ahead = CompletableFuture.allOf(awaitTurnAsync(barrier, 1, 30 * MINUTE),
                awaitTurnAsync(barrier, 2, 30 * MINUTE));

        awaitTurnAsync(barrier, 0, 0).get(10, TimeUnit.SECONDS);

        barrier.finish(0);
        ahead.get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Void> awaitTurnAsync(LaneBarrier barrier, int lane, long simulatedMillis) {
        return CompletableFuture.runAsync(() -> {
            try {
                barrier.awaitTurn(lane, simulatedMillis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable, "lane-" + lane).start());
    }
}
