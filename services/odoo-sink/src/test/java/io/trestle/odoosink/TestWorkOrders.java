package io.trestle.odoosink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.MaintenanceType;
import io.trestle.schema.equipment.PartNeeded;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

/** Work order changes and sink settings for tests. */
public final class TestWorkOrders {

    public static final Instant OPENED_AT = Instant.parse("2026-11-26T08:00:00Z");

    private TestWorkOrders() {
    }

    /** A corrective work order just opened, priority 1, with a new event id. */
    public static WorkOrderChanged opened(String workOrderId, String assetId) {
        return WorkOrderChanged.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.randomUUID())
                        .setSourceSystem("test")
                        .setSourceRecordId(workOrderId)
                        .setOccurredAt(OPENED_AT)
                        .setIngestedAt(OPENED_AT.plusSeconds(5))
                        .setResolvedFrom(List.of())
                        .build())
                .setWorkOrderId(workOrderId)
                .setAssetId(assetId)
                .setChange(WorkOrderChange.OPENED)
                .setStatus(WorkOrderStatus.OPEN)
                .setMaintenanceType(MaintenanceType.CORRECTIVE)
                .setTitle("Hydraulic leak on boom cylinder")
                .setPriority(1)
                .build();
    }

    /**
     * The same work order after a later change, as a new event. Copied field by field: Avro's copying builders go
     * through a class loader lookup that fails inside Quarkus tests.
     */
    public static WorkOrderChanged.Builder changed(WorkOrderChanged previous, WorkOrderChange change,
            WorkOrderStatus status) {
        EventMetadata before = previous.getMetadata();
        return WorkOrderChanged.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.randomUUID())
                        .setSourceSystem(before.getSourceSystem())
                        .setSourceRecordId(before.getSourceRecordId())
                        .setOccurredAt(before.getOccurredAt().plusSeconds(60))
                        .setIngestedAt(before.getIngestedAt().plusSeconds(60))
                        .setResolvedFrom(List.of())
                        .build())
                .setWorkOrderId(previous.getWorkOrderId())
                .setAssetId(previous.getAssetId())
                .setChange(change)
                .setStatus(status)
                .setMaintenanceType(previous.getMaintenanceType())
                .setTitle(previous.getTitle())
                .setDescription(previous.getDescription())
                .setPriority(previous.getPriority())
                .setFaultId(previous.getFaultId())
                .setPlannedStart(previous.getPlannedStart())
                .setPlannedHours(previous.getPlannedHours())
                .setClosedAt(previous.getClosedAt())
                .setPartsNeeded(previous.getPartsNeeded());
    }

    /** A part in the purchase unit of its product. */
    public static PartNeeded part(String partNumber, double quantity) {
        return PartNeeded.newBuilder().setPartNumber(partNumber).setQuantity(quantity).build();
    }

    /** A work order just opened that needs these parts. */
    public static WorkOrderChanged needing(String workOrderId, PartNeeded... parts) {
        WorkOrderChanged workOrder = opened(workOrderId, "17");
        workOrder.setPartsNeeded(List.of(parts));
        return workOrder;
    }

    public static SinkConfig.Purchases purchases(Long defaultVendorId) {
        return () -> Optional.ofNullable(defaultVendorId);
    }

    public static SinkConfig.WorkOrders workOrders() {
        return new SinkConfig.WorkOrders() {

            @Override
            public String externalIdModule() {
                return "trestle";
            }

            @Override
            public String openStage() {
                return "maintenance.stage_0";
            }

            @Override
            public String inProgressStage() {
                return "maintenance.stage_1";
            }

            @Override
            public String doneStage() {
                return "maintenance.stage_3";
            }
        };
    }
}
