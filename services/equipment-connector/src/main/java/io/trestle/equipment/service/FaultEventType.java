package io.trestle.equipment.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.trestle.equipment.domain.FaultItem;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultSource;
import io.trestle.schema.equipment.FaultState;

/** Faults and breakdowns onto {@link FaultReported}. */
@ApplicationScoped
public class FaultEventType implements PushEventType<FaultItem, FaultReported> {

    /** SAE J1939 SPNs are 19 bits wide. */
    static final int MAX_SPN = (1 << 19) - 1;
    /** SAE J1939 FMIs are 5 bits wide. */
    static final int MAX_FMI = 31;

    @Override
    public String name() {
        return "fault";
    }

    @Override
    public Class<FaultItem> itemType() {
        return FaultItem.class;
    }

    @Override
    public String endpoint() {
        return "/api/v1/faults";
    }

    @Override
    public void validate(FaultItem item, ItemChecker check) {
        check.optionalIdentifier("faultId", item.faultId());
        check.optionalRange("spn", item.spn(), 0, MAX_SPN);
        check.optionalRange("fmi", item.fmi(), 0, MAX_FMI);
        if ((item.spn() == null) != (item.fmi() == null)) {
            check.fail(item.spn() == null ? "spn" : "fmi", "is required with " + (item.spn() == null ? "fmi" : "spn")
                    + "; a J1939 diagnostic has both");
        }
        if (item.code() == null && item.spn() == null) {
            check.fail("code", "is required unless spn and fmi are given");
        } else {
            check.optionalIdentifier("code", item.code());
        }
        check.optionalIdentifier("codeSource", item.codeSource());
        check.text("description", item.description(), false);
        check.optionalRange("occurrenceCount", item.occurrenceCount(), 0, Integer.MAX_VALUE);
        check.symbol("severity", item.severity(), Severity.class, false);
        check.symbol("source", item.source(), FaultSource.class, false);
        check.symbol("state", item.state(), FaultState.class, false);
        check.happened("detectedAt", item.detectedAt());
        if (Symbols.parse(FaultState.class, item.state()).orElse(null) == FaultState.CLEARED) {
            check.happened("clearedAt", item.clearedAt());
            if (item.clearedAt() != null && item.detectedAt() != null
                    && item.clearedAt().isBefore(item.detectedAt())) {
                check.fail("clearedAt", "lies before detectedAt (" + item.detectedAt() + ")");
            }
        } else if (item.clearedAt() != null) {
            check.fail("clearedAt", "is set only when state is CLEARED");
        }
    }

    @Override
    public Instant occurredAt(FaultItem item) {
        return item.clearedAt() != null ? item.clearedAt() : item.detectedAt();
    }

    @Override
    public FaultReported toEvent(FaultItem item, String assetId, EventMetadata metadata) {
        String code = item.code() != null ? item.code() : item.spn() + "-" + item.fmi();
        return FaultReported.newBuilder()
                .setMetadata(metadata)
                .setFaultId(item.faultId() != null
                        ? item.faultId()
                        : derivedFaultId(assetId, code,
                                item.detectedAt()))
                .setAssetId(assetId)
                .setCode(code)
                .setCodeSource(item.codeSource())
                .setDescription(item.description())
                .setSpn(item.spn())
                .setFmi(item.fmi())
                .setOccurrenceCount(item.occurrenceCount())
                .setSeverity(Symbols.parseOr(Severity.class, item.severity(), Severity.UNKNOWN))
                .setSource(Symbols.parseOr(FaultSource.class, item.source(), FaultSource.UNKNOWN))
                .setState(Symbols.parseOr(FaultState.class, item.state(), FaultState.UNKNOWN))
                .setBreakdown(Boolean.TRUE.equals(item.breakdown()))
                .setDetectedAt(item.detectedAt())
                .setClearedAt(item.clearedAt())
                .build();
    }

    /**
     * The schema's rule for a source without fault ids: from (assetId, code, detectedAt), so the raise and the clearing
     * of one occurrence share it. Milliseconds, because the event carries no finer time, and a clearing sent with the
     * time read back from an event must match.
     */
    static String derivedFaultId(String assetId, String code, Instant detectedAt) {
        String name = assetId + "\u0000" + code + "\u0000" + detectedAt.truncatedTo(ChronoUnit.MILLIS);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
