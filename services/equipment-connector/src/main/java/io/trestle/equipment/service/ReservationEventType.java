package io.trestle.equipment.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.trestle.equipment.domain.ReservationItem;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.ReservationStatus;

/** Equipment reservations onto {@link ReservationChanged}, each event the full state after the change. */
@ApplicationScoped
public class ReservationEventType implements PushEventType<ReservationItem, ReservationChanged> {

    @Override
    public String name() {
        return "reservation";
    }

    @Override
    public Class<ReservationItem> itemType() {
        return ReservationItem.class;
    }

    @Override
    public String endpoint() {
        return "/api/v1/reservations";
    }

    @Override
    public void validate(ReservationItem item, ItemChecker check) {
        check.identifier("reservationId", item.reservationId());
        check.identifier("projectId", item.projectId());
        check.optionalIdentifier("taskId", item.taskId());
        check.optionalIdentifier("costCodeId", item.costCodeId());
        check.instant("reservedFrom", item.reservedFrom(), true);
        check.instant("reservedTo", item.reservedTo(), true);
        check.after("reservedTo", item.reservedTo(), "reservedFrom", item.reservedFrom());
        check.symbol("status", item.status(), ReservationStatus.class, true);
        check.happened("changedAt", item.changedAt());
    }

    @Override
    public String sourceRecordId(ReservationItem item) {
        return item.reservationId();
    }

    @Override
    public Instant occurredAt(ReservationItem item) {
        return item.changedAt();
    }

    @Override
    public ReservationChanged toEvent(ReservationItem item, String assetId, EventMetadata metadata) {
        return ReservationChanged.newBuilder()
                .setMetadata(metadata)
                .setReservationId(PushBatches.qualifiedId(metadata.getSourceSystem(), item.reservationId()))
                .setAssetId(assetId)
                .setProjectId(item.projectId())
                .setTaskId(item.taskId())
                .setCostCodeId(item.costCodeId())
                .setReservedFrom(item.reservedFrom())
                .setReservedTo(item.reservedTo())
                .setStatus(Symbols.of(ReservationStatus.class, item.status()))
                .build();
    }
}
