package io.trestle.odoosink;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.cost.CostPosting;

/** Cost postings and sink settings for tests. */
public final class TestPostings {

    public static final Instant WINDOW_START = Instant.parse("2026-11-26T08:00:00Z");

    private TestPostings() {
    }

    public static CostPosting posting(String postingId, String costCodeId, String assetId, String amount) {
        return CostPosting.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes(postingId.getBytes()))
                        .setSourceSystem("test")
                        .setOccurredAt(WINDOW_START.plus(Duration.ofMinutes(15)))
                        .setIngestedAt(WINDOW_START.plus(Duration.ofMinutes(16)))
                        .setResolvedFrom(List.of())
                        .build())
                .setPostingId(postingId)
                .setCostCodeId(costCodeId)
                .setAssetId(assetId)
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_START.plus(Duration.ofMinutes(15)))
                .setOperatingHours(0.25)
                .setAmount(new BigDecimal(amount))
                .setCurrency("EUR")
                .setHourlyRate(new BigDecimal("95.0000"))
                .build();
    }

    public static SinkConfig.Costs costs(Long unallocatedAccountId) {
        return new SinkConfig.Costs() {

            @Override
            public String externalIdModule() {
                return "trestle";
            }

            @Override
            public Optional<Long> unallocatedAccountId() {
                return Optional.ofNullable(unallocatedAccountId);
            }

            @Override
            public String unallocatedCostCode() {
                return "UNALLOCATED";
            }
        };
    }
}
