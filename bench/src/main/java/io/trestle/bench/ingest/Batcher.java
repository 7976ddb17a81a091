package io.trestle.bench.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.trestle.bench.fleet.Delivery;

/**
 * Splits the hand-over order into lanes and requests, the way a fleet's telematics platform would push it.
 *
 * <p>
 * <b>Lanes</b> are concurrent clients, each with a fixed share of the machines (machine index modulo lanes), so the
 * readings of one machine always travel in order through one connection: a reading out of order is one the generator
 * made so, never one two requests racing each other made.
 *
 * <p>
 * <b>Requests</b> take consecutive deliveries of a lane, at most {@code maxSize}, spanning at most {@code maxSpan} of
 * simulated time (a platform pushes what arrived in the last moments; a long span would let one lane's readings lag
 * another's), and never the same reading id twice: the connector refuses a batch that repeats an id, so a duplicate
 * goes in the next request, as a real resend would.
 */
public final class Batcher {

    private Batcher() {
    }

    public static List<List<Delivery>> lanes(List<Delivery> deliveries, int lanes) {
        List<List<Delivery>> split = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            split.add(new ArrayList<>());
        }
        for (Delivery delivery : deliveries) {
            split.get(delivery.reading().assetIndex() % lanes).add(delivery);
        }
        return split;
    }

    public static List<List<Delivery>> requests(List<Delivery> lane, int maxSize, Duration maxSpan) {
        List<List<Delivery>> requests = new ArrayList<>();
        List<Delivery> current = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Delivery delivery : lane) {
            boolean full = current.size() == maxSize;
            boolean repeats = ids.contains(delivery.reading().readingId());
            boolean tooLong = !current.isEmpty()
                    && Duration.between(current.get(0).deliverAt(), delivery.deliverAt()).compareTo(maxSpan) > 0;
            if (full || repeats || tooLong) {
                requests.add(current);
                current = new ArrayList<>();
                ids.clear();
            }
            current.add(delivery);
            ids.add(delivery.reading().readingId());
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** Lanes of requests with their bodies and correlation ids {@code <prefix>-<lane>-<n>}. */
    public static List<List<Batch>> batches(List<Delivery> deliveries, int lanes, int maxSize, Duration maxSpan,
            String client, String prefix) {
        List<List<Batch>> batches = new ArrayList<>(lanes);
        List<List<Delivery>> split = lanes(deliveries, lanes);
        for (int lane = 0; lane < lanes; lane++) {
            List<Batch> laneBatches = new ArrayList<>();
            for (List<Delivery> request : requests(split.get(lane), maxSize, maxSpan)) {
                laneBatches.add(new Batch(lane, "%s-%d-%d".formatted(prefix, lane, laneBatches.size()), request,
                        PushBodies.readings(client, request)));
            }
            batches.add(laneBatches);
        }
        return batches;
    }
}
