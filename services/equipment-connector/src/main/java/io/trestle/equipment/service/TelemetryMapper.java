package io.trestle.equipment.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Position;
import io.trestle.equipment.domain.TelemetryItem.Quantity;
import io.trestle.equipment.service.PushMachines.Unmapped;
import io.trestle.equipment.service.QuarantineMapper.PushedItem;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.common.GeoPoint;
import io.trestle.schema.common.Measure;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/** Maps a validated reading to the canonical telemetry event, or a pushed one of an unknown machine to quarantine. */
public final class TelemetryMapper {

    /** The path readings are pushed to; quarantine entries of pushed readings record it as their source endpoint. */
    public static final String ENDPOINT = "/api/v1/telemetry";
    /** The kind of a pushed reading in the id of its quarantine entry. */
    public static final String KIND = "reading";

    private TelemetryMapper() {
    }

    /**
     * The quarantine entry of a valid pushed reading whose machine the crosswalk does not know, the reading with its
     * machine as the payload.
     */
    public static QuarantinedEvent quarantined(TelemetryItem item, String sourceSystem, Unmapped unmapped,
            String correlationId, Instant now) {
        return QuarantineMapper.toEvent(new PushedItem(sourceSystem, KIND, ENDPOINT, item.readingId(),
                item.readingId(), item.readingTime(), item), ReasonCode.UNMAPPED_EXTERNAL_ID, unmapped.message(),
                "/machine", unmapped.unresolvedIds(), correlationId, now);
    }

    /**
     * The event id is derived from the source system and the caller's reading id, so a client that resends a batch
     * after a timeout produces the same event ids and consumers can drop the repeats.
     */
    public static UUID eventId(String sourceSystem, String readingId) {
        return UUID.nameUUIDFromBytes((sourceSystem + "\u0000" + readingId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event of a valid reading of the given asset.
     *
     * @param resolvedFrom
     *            the external ids of the machine the asset was resolved from; empty when the reading gave its asset id
     */
    public static TelemetryReading toEvent(TelemetryItem item, String assetId, List<ExternalId> resolvedFrom,
            String sourceSystem, String correlationId, Instant ingestedAt) {
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(eventId(sourceSystem, item.readingId()))
                .setSourceSystem(sourceSystem)
                .setSourceRecordId(item.readingId())
                .setOccurredAt(item.readingTime())
                .setIngestedAt(ingestedAt)
                .setCorrelationId(correlationId)
                .setResolvedFrom(resolvedFrom)
                .build();
        return TelemetryReading.newBuilder()
                .setMetadata(metadata)
                .setAssetId(assetId)
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
