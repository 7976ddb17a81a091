package io.trestle.telemetry.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.telemetry.service.CostPostings;

/** Findings as quarantine entries, keyed by this service as the catalogue keys quarantine by the detecting service. */
final class QuarantineEvents {

    static final String DETECTED_BY = "telemetry-aggregator";

    private QuarantineEvents() {
    }

    /** The id depends on what was found, so the same finding twice (a recomputed window) is one entry. */
    static QuarantinedEvent of(String assetId, Finding finding, Clock clock) {
        Instant now = Instant.now(clock);
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(String.join("\u0000", assetId, finding.reasonCode(),
                        finding.message()).getBytes(StandardCharsets.UTF_8)))
                .setSourceSystem(CostPostings.SOURCE_SYSTEM)
                .setSourceRecordId(null)
                .setOccurredAt(now)
                .setIngestedAt(now)
                .setCorrelationId(null)
                .setResolvedFrom(List.of())
                .build();
        return QuarantinedEvent.newBuilder()
                .setMetadata(metadata)
                .setDetectedBy(DETECTED_BY)
                .setSourceTopic(finding.sourceTopic())
                .setSourceKey(ByteBuffer.wrap(assetId.getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(finding.payloadText().getBytes(StandardCharsets.UTF_8)))
                .setPayloadText(finding.payloadText())
                .setContentType("application/json")
                .setReasonCode(finding.reasonCode())
                .setMessage(finding.message())
                .setFirstSeenAt(now)
                .build();
    }
}
