package io.trestle.bench.ingest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.bench.fleet.Delivery;
import io.trestle.bench.fleet.Reading;

/** JSON bodies of the connector's telemetry push API (README "Telemetry push API"). */
public final class PushBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PushBodies() {
    }

    record Quantity(double value, String unit) {
    }

    record Position(double latitude, double longitude) {
    }

    record PushedReading(String readingId, String assetId, String readingTime, double cumulativeOperatingHours,
            double cumulativeIdleHours, Quantity cumulativeFuelUsed, double fuelRemainingPercent,
            boolean engineRunning, Position location) {
    }

    record ReadingBatch(String source, List<PushedReading> readings) {
    }

    public static byte[] readings(String client, List<Delivery> deliveries) {
        return write(new ReadingBatch(client, deliveries.stream().map(delivery -> pushed(delivery.reading()))
                .toList()));
    }

    private static PushedReading pushed(Reading reading) {
        return new PushedReading(reading.readingId(), reading.assetId(), reading.readingTime().toString(),
                reading.operatingHours(), reading.idleHours(), new Quantity(reading.fuelUsedLitres(), "L"),
                reading.fuelRemainingPercent(), reading.engineRunning(),
                new Position(reading.latitude(), reading.longitude()));
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a push body", e);
        }
    }
}
