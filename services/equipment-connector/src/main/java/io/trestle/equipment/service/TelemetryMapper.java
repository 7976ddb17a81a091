package io.trestle.equipment.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Position;
import io.trestle.equipment.domain.TelemetryItem.Quantity;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.GeoPoint;
import io.trestle.schema.common.Measure;
import io.trestle.schema.equipment.TelemetryReading;

/** Maps a validated push item to the canonical telemetry event. */
public final class TelemetryMapper {

    private TelemetryMapper() {
    }

    /**
     * The event id is derived from the source system and the caller's reading id, so a client that resends a batch
     * after a timeout produces the same event ids and consumers can drop the repeats.
     */
    public static UUID eventId(String sourceSystem, String readingId) {
        return UUID.nameUUIDFromBytes((sourceSystem + "\u0000" + readingId).getBytes(StandardCharsets.UTF_8));
    }

    public static TelemetryReading toEvent(TelemetryItem item, String sourceSystem, String correlationId,
            Instant ingestedAt) {
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(eventId(sourceSystem, item.readingId()))
                .setSourceSystem(sourceSystem)
                .setSourceRecordId(item.readingId())
                .setOccurredAt(item.readingTime())
                .setIngestedAt(ingestedAt)
                .setCorrelationId(correlationId)
                .setResolvedFrom(List.of())
                .build();
        return TelemetryReading.newBuilder()
                .setMetadata(metadata)
                .setAssetId(item.assetId())
                .setReadingTime(item.readingTime())
                .setCumulativeOperatingHours(item.cumulativeOperatingHours())
                .setCumulativeIdleHours(item.cumulativeIdleHours())
                .setCumulativeFuelUsed(measure(item.cumulativeFuelUsed(), Units.VOLUME))
                .setFuelRemainingPercent(item.fuelRemainingPercent())
                .setDefRemainingPercent(item.defRemainingPercent())
                .setLocation(geoPoint(item.location()))
                .setEngineRunning(item.engineRunning())
                .setOdometer(measure(item.odometer(), Units.DISTANCE))
                .setCumulativeLoadCount(item.cumulativeLoadCount())
                .setCumulativePayload(measure(item.cumulativePayload(), Units.MASS))
                .build();
    }

    private static Measure measure(Quantity quantity, Units kind) {
        if (quantity == null) {
            return null;
        }
        String unit = kind.normalise(quantity.unit())
                .orElseThrow(() -> new IllegalArgumentException("unvalidated unit " + quantity.unit()));
        return new Measure(quantity.value(), unit);
    }

    private static GeoPoint geoPoint(Position position) {
        if (position == null) {
            return null;
        }
        return new GeoPoint(position.latitude(), position.longitude(), position.altitudeMeters());
    }
}
