package io.trestle.bench.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pushes lanes of requests to the connector's telemetry endpoint, one thread and connection per lane, and records when
 * each request was sent and when the connector acknowledged it (202: every reading published and acknowledged by the
 * broker). Only acknowledged readings count.
 *
 * <p>
 * Unpaced, each lane sends its next request as soon as the previous one is answered (closed loop: the throughput is
 * what the connector sustains for that many concurrent clients). Paced, a request goes out when the simulated time of
 * its last reading comes round on a clock running {@link Pacing#speedup()} times faster than real time, as a platform
 * forwards what just arrived; a lane that falls behind sends at once.
 *
 * <p>
 * A 503 (too many readings in flight, or the broker slow to acknowledge) is answered by resending the same body after
 * the Retry-After delay (1 s when none is given), as the API asks; those retries are counted. Any other answer fails
 * the run: the generated readings are all valid, so a 4xx means the benchmark or the connector is wrong.
 */
public final class IngestDriver {

    private static final String PATH = "/api/v1/telemetry";
    private static final int MAX_ATTEMPTS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestDriver() {
    }

    /** A simulated clock: {@code speedup} simulated milliseconds pass per real millisecond, from {@code start}. */
    public record Pacing(Instant start, double speedup) {

        /** The pace that sends {@code readings} spread over {@code from}..{@code to} at {@code readingsPerSecond}. */
        public static Pacing of(Instant from, Instant to, int readings, double readingsPerSecond) {
            double wallSeconds = readings / readingsPerSecond;
            return new Pacing(from, Duration.between(from, to).toMillis() / (wallSeconds * 1000));
        }

        long dueNanos(long startNanos, Instant simulated) {
            return startNanos + (long) (Duration.between(start, simulated).toMillis() / speedup * 1_000_000);
        }
    }

    /** One acknowledged request. */
    public record Sent(String correlationId, int lane, int readings, long sendNanos, long ackNanos, int attempts) {
    }

    public record Result(List<Sent> sent, int retries, long startNanos, long endNanos) {

        public int readings() {
            return sent.stream().mapToInt(Sent::readings).sum();
        }

        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    public static Result run(List<List<Batch>> lanes, Supplier<PushClient> clients, Optional<Pacing> pacing,
            Duration maxSkew) throws InterruptedException {
        LaneBarrier barrier = new LaneBarrier(lanes.size(), maxSkew);
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger retries = new AtomicInteger();
        AtomicLong end = new AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(lanes.size());
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Batch> lane : lanes) {
                futures.add(executor.submit(() -> {
                    runLane(lane, clients.get(), pacing, start, barrier, sent, retries);
                    end.accumulateAndGet(System.nanoTime(), Math::max);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    throw new IllegalStateException("pushing telemetry failed: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } finally {
            executor.shutdownNow();
        }
        List<Sent> ordered = new ArrayList<>(sent);
        ordered.sort(Comparator.comparingLong(Sent::ackNanos));
        return new Result(ordered, retries.get(), start, end.get());
    }

    private static void runLane(List<Batch> lane, PushClient client, Optional<Pacing> pacing, long start,
            LaneBarrier barrier, List<Sent> sent, AtomicInteger retries) throws IOException, InterruptedException {
        try {
            for (Batch batch : lane) {
                barrier.awaitTurn(batch.lane(), batch.firstDeliverAt().toEpochMilli());
                if (pacing.isPresent()) {
                    long wait = pacing.get().dueNanos(start, batch.lastDeliverAt()) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                sent.add(send(client, batch, retries));
            }
        } finally {
            if (!lane.isEmpty()) {
                barrier.finish(lane.get(0).lane());
            }
        }
    }

    private static Sent send(PushClient client, Batch batch, AtomicInteger retries)
            throws IOException, InterruptedException {
        long sendNanos = System.nanoTime();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PushClient.Answer answer = client.post(PATH, batch.body(), batch.correlationId());
            if (answer.status() == 202) {
                long ackNanos = System.nanoTime();
                int accepted = JSON.readTree(answer.body()).path("accepted").asInt(-1);
                if (accepted != batch.size()) {
                    throw new IllegalStateException("request " + batch.correlationId() + ": the connector accepted "
                            + accepted + " of " + batch.size() + " readings: " + abbreviated(answer.body()));
                }
                return new Sent(batch.correlationId(), batch.lane(), batch.size(), sendNanos, ackNanos, attempt);
            }
            if (answer.status() != 503) {
                throw new IllegalStateException("request " + batch.correlationId() + " was answered "
                        + answer.status() + ": " + abbreviated(answer.body()));
            }
            retries.incrementAndGet();
            Thread.sleep(answer.retryAfterSeconds().orElse(1) * 1000);
        }
        throw new IllegalStateException("request " + batch.correlationId() + " was refused with 503 " + MAX_ATTEMPTS
                + " times");
    }

    private static String abbreviated(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
