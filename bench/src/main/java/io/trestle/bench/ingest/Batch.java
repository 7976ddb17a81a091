package io.trestle.bench.ingest;

import java.time.Instant;
import java.util.List;

import io.trestle.bench.fleet.Delivery;

/**
 * One push request: consecutive deliveries of one lane, its JSON body (made before any timing starts), and the
 * correlation id the connector copies into every event, which ties each telemetry record back to this request.
 */
public record Batch(int lane, String correlationId, List<Delivery> deliveries, byte[] body) {

    public int size() {
        return deliveries.size();
    }

    public Instant firstDeliverAt() {
        return deliveries.get(0).deliverAt();
    }

    public Instant lastDeliverAt() {
        return deliveries.get(deliveries.size() - 1).deliverAt();
    }
}
