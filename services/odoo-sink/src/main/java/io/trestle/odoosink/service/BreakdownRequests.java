package io.trestle.odoosink.service;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;

/**
 * Maps a breakdown to the corrective {@code maintenance.request} the sink opens for it.
 *
 * <p>
 * Only an active fault that stops the machine opens a request: warnings are for the fleet manager's dashboard, not the
 * maintenance team's queue, and a cleared fault code does not mean the machine was repaired, so the request closes with
 * its work order, not with the code. The request is loaded under an external id derived from the fault id, which lets a
 * work order that names the fault take the request over instead of opening a second one.
 */
public final class BreakdownRequests {

    public static final String MODEL = MaintenanceRequests.MODEL;
    /** Column order of {@link Row#values()}. */
    public static final List<String> FIELDS = List.of("id", "name", "description", "equipment_id/.id",
            "maintenance_type", "priority", "request_date", "stage_id/id");

    private BreakdownRequests() {
    }

    /** A load row, the external id it creates and the equipment it is about. */
    public record Row(String externalId, long equipmentId, List<String> values) {
    }

    /** A row to load, a fault that asks nothing of Odoo, or why the fault must not reach Odoo. */
    public sealed interface Mapping {
    }

    public record Mapped(Row row) implements Mapping {
    }

    public record NotABreakdown(String why) implements Mapping {
    }

    public record Refused(String reasonCode, String message) implements Mapping {
    }

    /** {@code <module>.fault_<escaped fault id>}, in the work orders' module so work orders can find it. */
    public static String externalId(SinkConfig.WorkOrders workOrders, String faultId) {
        return OdooIds.externalId(workOrders.externalIdModule(), "fault", faultId);
    }

    public static Mapping map(SinkConfig.WorkOrders workOrders, FaultReported fault) {
        if (fault.getState() != FaultState.ACTIVE) {
            return new NotABreakdown("a " + fault.getState() + " fault opens no request; the request of a breakdown "
                    + "closes with its work order");
        }
        if (!fault.getBreakdown()) {
            return new NotABreakdown("a warning, the machine still works");
        }
        String assetId = fault.getAssetId();
        if (!OdooIds.isDatabaseId(assetId)) {
            return new Refused("UNKNOWN_CANONICAL_ID", "asset id '" + assetId
                    + "' is not an Odoo maintenance.equipment id; the equipment is not guessed");
        }
        String externalId = externalId(workOrders, fault.getFaultId());
        List<String> values = List.of(externalId, title(fault), description(fault), assetId, "corrective",
                priority(fault.getSeverity()),
                fault.getDetectedAt().atZone(ZoneOffset.UTC).toLocalDate().toString(), workOrders.openStage());
        return new Mapped(new Row(externalId, Long.parseLong(assetId), values));
    }

    /** Odoo's scale runs 0 (very low) to 3 (high); a breakdown's severity says how urgent the repair is. */
    static String priority(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "3";
            case HIGH -> "2";
            case MEDIUM -> "1";
            case LOW, INFO, UNKNOWN -> "0";
        };
    }

    private static String title(FaultReported fault) {
        String description = fault.getDescription();
        return "Breakdown " + fault.getCode()
                + (description == null || description.isBlank() ? "" : ": " + description);
    }

    /** What the technician needs to find the fault in the machine's own diagnostics. */
    private static String description(FaultReported fault) {
        List<String> facts = new ArrayList<>();
        facts.add("Fault " + fault.getCode()
                + (fault.getCodeSource() == null ? "" : " (" + fault.getCodeSource() + ")"));
        if (fault.getSpn() != null || fault.getFmi() != null) {
            facts.add("SPN " + orUnknown(fault.getSpn()) + ", FMI " + orUnknown(fault.getFmi()));
        }
        facts.add("severity " + fault.getSeverity());
        facts.add("reported by " + fault.getSource() + " at " + fault.getDetectedAt());
        if (fault.getOccurrenceCount() != null) {
            facts.add("seen " + fault.getOccurrenceCount() + " time(s)");
        }
        facts.add("Trestle fault " + fault.getFaultId());
        return String.join("; ", facts);
    }

    private static String orUnknown(Integer value) {
        return value == null ? "?" : value.toString();
    }
}
