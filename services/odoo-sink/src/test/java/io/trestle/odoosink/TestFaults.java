package io.trestle.odoosink;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultSource;
import io.trestle.schema.equipment.FaultState;

/** Fault events for tests. */
public final class TestFaults {

    public static final Instant DETECTED_AT = Instant.parse("2026-11-26T07:40:00Z");

    private TestFaults() {
    }

    /** An active J1939 fault that stops the machine, severity HIGH, with a new event id. */
    public static FaultReported breakdown(String faultId, String assetId) {
        return FaultReported.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.randomUUID())
                        .setSourceSystem("test")
                        .setSourceRecordId(faultId)
                        .setOccurredAt(DETECTED_AT)
                        .setIngestedAt(DETECTED_AT.plusSeconds(5))
                        .setResolvedFrom(List.of())
                        .build())
                .setFaultId(faultId)
                .setAssetId(assetId)
                .setCode("1569-31")
                .setCodeSource("J1939")
                .setDescription("Engine derate")
                .setSpn(1569)
                .setFmi(31)
                .setSeverity(Severity.HIGH)
                .setSource(FaultSource.TELEMATICS)
                .setState(FaultState.ACTIVE)
                .setBreakdown(true)
                .setDetectedAt(DETECTED_AT)
                .build();
    }

    /** The same fault, raised again as a new occurrence or reported once more, as a new event. */
    public static FaultReported again(FaultReported fault, String faultId) {
        FaultReported copy = breakdown(faultId, fault.getAssetId());
        copy.setBreakdown(fault.getBreakdown());
        copy.setState(fault.getState());
        copy.setSeverity(fault.getSeverity());
        return copy;
    }
}
