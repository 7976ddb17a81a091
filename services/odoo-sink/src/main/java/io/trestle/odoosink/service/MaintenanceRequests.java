package io.trestle.odoosink.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.schema.equipment.MaintenanceType;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

/**
 * Maps a work order change to the {@code maintenance.request} row the sink loads into Odoo.
 *
 * <p>
 * A work order change carries the work order's full state, so every change is loaded as the whole row under one
 * external id derived from the work order id: the opening creates the request, later changes and redeliveries update
 * it, and no change ever opens a second request. Fields the event leaves empty are loaded empty, which clears them in
 * Odoo, because the event says they are no longer set. A closed work order moves the request to the configured done
 * stage with the close date of the work order; a cancelled one is also archived, since it was closed without work. The
 * equipment is the canonical asset id read as an Odoo {@code maintenance.equipment} database id; anything else is
 * refused rather than matched by name.
 */
public final class MaintenanceRequests {

    public static final String MODEL = "maintenance.request";
    /**
     * Column order of {@link Row#values()}; {@code equipment_id/.id} takes the database id of the equipment,
     * {@code stage_id/id} the external id of the stage.
     */
    public static final List<String> FIELDS = List.of("id", "name", "description", "equipment_id/.id",
            "maintenance_type", "priority", "schedule_date", "duration", "stage_id/id", "kanban_state", "close_date",
            "archive");

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private MaintenanceRequests() {
    }

    /** A load row and the external id it upserts. */
    public record Row(String externalId, List<String> values) {
    }

    /** Either a row to load, or why the work order must not reach Odoo. */
    public sealed interface Mapping {
    }

    public record Mapped(Row row) implements Mapping {
    }

    public record Refused(String reasonCode, String message) implements Mapping {
    }

    /** {@code <module>.work_order_<escaped id>}, see {@link OdooIds#externalId}. */
    public static String externalId(SinkConfig.WorkOrders workOrders, String workOrderId) {
        return OdooIds.externalId(workOrders.externalIdModule(), "work_order", workOrderId);
    }

    public static Mapping map(SinkConfig.WorkOrders workOrders, WorkOrderChanged workOrder) {
        String assetId = workOrder.getAssetId();
        if (!OdooIds.isDatabaseId(assetId)) {
            return new Refused("UNKNOWN_CANONICAL_ID", "asset id '" + assetId
                    + "' is not an Odoo maintenance.equipment id; the equipment is not guessed");
        }
        Integer priority = workOrder.getPriority();
        if (priority != null && (priority < 0 || priority > 3)) {
            return new Refused("VALUE_OUT_OF_RANGE",
                    "priority " + priority + " is outside Odoo's scale 0 (normal) .. 3 (very high)");
        }
        WorkOrderStatus status = workOrder.getStatus();
        boolean cancelled = status == WorkOrderStatus.CANCELLED;
        boolean closed = workOrder.getChange() == WorkOrderChange.CLOSED || status == WorkOrderStatus.DONE
                || cancelled;
        String stage;
        if (closed) {
            stage = workOrders.doneStage();
        } else if (status == WorkOrderStatus.OPEN) {
            stage = workOrders.openStage();
        } else if (status == WorkOrderStatus.IN_PROGRESS || status == WorkOrderStatus.ON_HOLD) {
            stage = workOrders.inProgressStage();
        } else {
            return new Refused("SCHEMA_VIOLATION", "status " + status + " of an open work order names no "
                    + "maintenance stage; the stage is not guessed");
        }
        Instant closedAt = workOrder.getClosedAt() != null
                ? workOrder.getClosedAt()
                : workOrder.getMetadata().getOccurredAt();
        String externalId = externalId(workOrders, workOrder.getWorkOrderId());
        List<String> values = Arrays.asList(externalId, workOrder.getTitle(), orEmpty(workOrder.getDescription()),
                assetId, maintenanceType(workOrder.getMaintenanceType()),
                priority == null ? "" : priority.toString(),
                workOrder.getPlannedStart() == null ? "" : ODOO_DATETIME.format(workOrder.getPlannedStart()),
                workOrder.getPlannedHours() == null ? "" : workOrder.getPlannedHours().toString(), stage,
                status == WorkOrderStatus.ON_HOLD ? "blocked" : "normal",
                closed ? closedAt.atZone(ZoneOffset.UTC).toLocalDate().toString() : "", cancelled ? "1" : "0");
        return new Mapped(new Row(externalId, List.copyOf(values)));
    }

    /**
     * Preventive only when the work order says so. An unstated type is corrective, as Odoo itself defaults it: work
     * orders without a plan behind them repair breakdowns.
     */
    static String maintenanceType(MaintenanceType type) {
        return type == MaintenanceType.PREVENTIVE ? "preventive" : "corrective";
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
