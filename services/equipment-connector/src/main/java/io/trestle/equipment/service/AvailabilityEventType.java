package io.trestle.equipment.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.trestle.equipment.domain.AvailabilityItem;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.AvailabilityState;

/** Availability changes onto {@link AvailabilityChanged}. */
@ApplicationScoped
public class AvailabilityEventType implements PushEventType<AvailabilityItem, AvailabilityChanged> {

    @Override
    public String name() {
        return "availability change";
    }

    @Override
    public Class<AvailabilityItem> itemType() {
        return AvailabilityItem.class;
    }

    @Override
    public String endpoint() {
        return "/api/v1/availability";
    }

    @Override
    public void validate(AvailabilityItem item, ItemChecker check) {
        check.symbol("state", item.state(), AvailabilityState.class, true);
        check.happened("effectiveFrom", item.effectiveFrom());
        check.instant("expectedUntil", item.expectedUntil(), false);
        check.after("expectedUntil", item.expectedUntil(), "effectiveFrom", item.effectiveFrom());
        check.text("reason", item.reason(), false);
        check.optionalIdentifier("workOrderId", item.workOrderId());
        check.optionalIdentifier("faultId", item.faultId());
    }

    @Override
    public Instant occurredAt(AvailabilityItem item) {
        return item.effectiveFrom();
    }

    @Override
    public AvailabilityChanged toEvent(AvailabilityItem item, String assetId, EventMetadata metadata) {
        return AvailabilityChanged.newBuilder()
                .setMetadata(metadata)
                .setAssetId(assetId)
                .setState(Symbols.of(AvailabilityState.class, item.state()))
                .setEffectiveFrom(item.effectiveFrom())
                .setExpectedUntil(item.expectedUntil())
                .setReason(item.reason())
                // The same qualification as the work order's own events, so the two join on it.
                .setWorkOrderId(PushBatches.qualifiedId(metadata.getSourceSystem(), item.workOrderId()))
                .setFaultId(item.faultId())
                .build();
    }
}
