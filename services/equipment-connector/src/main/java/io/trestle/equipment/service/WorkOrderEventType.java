package io.trestle.equipment.service;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.trestle.equipment.domain.WorkOrderItem;
import io.trestle.equipment.domain.WorkOrderItem.Part;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.MaintenanceType;
import io.trestle.schema.equipment.PartNeeded;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

/** Maintenance work orders onto {@link WorkOrderChanged}, each event the full state after the change. */
@ApplicationScoped
public class WorkOrderEventType implements PushEventType<WorkOrderItem, WorkOrderChanged> {

    /** Over eleven years of work on one order: anything larger is a corrupt value, not a plan. */
    static final double MAX_HOURS = 100_000;
    static final int MAX_PRIORITY = 3;
    static final double MAX_PART_QUANTITY = 1e6;
    /** The statuses that end a work order; the schema's CLOSED change means exactly these. */
    private static final Set<WorkOrderStatus> CLOSING = EnumSet.of(WorkOrderStatus.DONE, WorkOrderStatus.CANCELLED);

    @Override
    public String name() {
        return "work order";
    }

    @Override
    public Class<WorkOrderItem> itemType() {
        return WorkOrderItem.class;
    }

    @Override
    public String endpoint() {
        return "/api/v1/work-orders";
    }

    @Override
    public void validate(WorkOrderItem item, ItemChecker check) {
        check.identifier("workOrderId", item.workOrderId());
        check.symbol("change", item.change(), WorkOrderChange.class, true);
        check.symbol("status", item.status(), WorkOrderStatus.class, true);
        check.happened("changedAt", item.changedAt());
        check.symbol("maintenanceType", item.maintenanceType(), MaintenanceType.class, false);
        check.text("title", item.title(), true);
        check.text("description", item.description(), false);
        check.optionalRange("priority", item.priority(), 0, MAX_PRIORITY);
        check.optionalIdentifier("faultId", item.faultId());
        check.instant("plannedStart", item.plannedStart(), false);
        check.optionalRange("plannedHours", item.plannedHours(), 0, MAX_HOURS);
        check.instant("downtimeStart", item.downtimeStart(), false);
        if (check.instant("downtimeEnd", item.downtimeEnd(), false) && item.downtimeStart() == null) {
            check.fail("downtimeEnd", "requires downtimeStart");
        }
        check.after("downtimeEnd", item.downtimeEnd(), "downtimeStart", item.downtimeStart());
        check.optionalRange("downtimeHours", item.downtimeHours(), 0, MAX_HOURS);
        validateClosing(item, check);
        if (item.partsNeeded() != null) {
            for (int i = 0; i < item.partsNeeded().size(); i++) {
                validatePart(item.partsNeeded().get(i), "partsNeeded[" + i + "]", check);
            }
        }
    }

    private static void validateClosing(WorkOrderItem item, ItemChecker check) {
        WorkOrderChange change = Symbols.parse(WorkOrderChange.class, item.change()).orElse(null);
        WorkOrderStatus status = Symbols.parse(WorkOrderStatus.class, item.status()).orElse(null);
        if (change == WorkOrderChange.CLOSED) {
            check.happened("closedAt", item.closedAt());
        } else if (item.closedAt() != null) {
            check.fail("closedAt", "is set only when change is CLOSED");
        }
        if (change != null && status != null && (change == WorkOrderChange.CLOSED) != CLOSING.contains(status)) {
            check.fail("status", change == WorkOrderChange.CLOSED
                    ? "must be DONE or CANCELLED when change is CLOSED, was " + status
                    : "is " + status + ", which closes the work order; send change CLOSED with closedAt");
        }
    }

    private static void validatePart(Part part, String path, ItemChecker check) {
        if (part == null) {
            check.fail(path, "must be an object, not null");
            return;
        }
        check.identifier(path + ".partNumber", part.partNumber());
        check.text(path + ".description", part.description(), false);
        check.range(path + ".quantity", part.quantity(), 0, MAX_PART_QUANTITY);
        if (part.quantity() != null && part.quantity() == 0) {
            check.fail(path + ".quantity", "must be above zero");
        }
        check.optionalIdentifier(path + ".unitOfMeasure", part.unitOfMeasure());
    }

    @Override
    public String sourceRecordId(WorkOrderItem item) {
        return item.workOrderId();
    }

    @Override
    public Instant occurredAt(WorkOrderItem item) {
        return item.changedAt();
    }

    @Override
    public WorkOrderChanged toEvent(WorkOrderItem item, String assetId, EventMetadata metadata) {
        return WorkOrderChanged.newBuilder()
                .setMetadata(metadata)
                .setWorkOrderId(PushBatches.qualifiedId(metadata.getSourceSystem(), item.workOrderId()))
                .setAssetId(assetId)
                .setChange(Symbols.of(WorkOrderChange.class, item.change()))
                .setStatus(Symbols.of(WorkOrderStatus.class, item.status()))
                .setMaintenanceType(
                        Symbols.parseOr(MaintenanceType.class, item.maintenanceType(), MaintenanceType.UNKNOWN))
                .setTitle(item.title())
                .setDescription(item.description())
                .setPriority(item.priority())
                .setFaultId(item.faultId())
                .setPlannedStart(item.plannedStart())
                .setPlannedHours(item.plannedHours())
                .setDowntimeStart(item.downtimeStart())
                .setDowntimeEnd(item.downtimeEnd())
                .setDowntimeHours(item.downtimeHours())
                .setClosedAt(item.closedAt())
                .setPartsNeeded(parts(item.partsNeeded()))
                .build();
    }

    private static List<PartNeeded> parts(List<Part> parts) {
        if (parts == null) {
            return null;
        }
        return parts.stream()
                .map(part -> new PartNeeded(part.partNumber(), part.description(), part.quantity(),
                        part.unitOfMeasure()))
                .toList();
    }
}
