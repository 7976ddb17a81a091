package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestWorkOrders.changed;
import static io.trestle.odoosink.TestWorkOrders.opened;
import static io.trestle.odoosink.TestWorkOrders.workOrders;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.trestle.odoosink.service.MaintenanceRequests.Mapped;
import io.trestle.odoosink.service.MaintenanceRequests.Refused;
import io.trestle.schema.equipment.MaintenanceType;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

class MaintenanceRequestsTest {

    @Test
    void anOpenedWorkOrderBecomesAnOpenCorrectiveRequestOnItsEquipmentUnderTheWorkOrdersExternalId() {
        WorkOrderChanged workOrder = opened("WO-1042", "17");
        workOrder.setDescription("Oil under the boom");
        workOrder.setPriority(2);
        workOrder.setPlannedStart(Instant.parse("2026-11-26T09:30:00Z"));
        workOrder.setPlannedHours(1.5);

        MaintenanceRequests.Mapping mapping = MaintenanceRequests.map(workOrders(), workOrder);

        assertThat(mapping).isInstanceOfSatisfying(Mapped.class,
                mapped -> assertThat(mapped.row().values()).containsExactly("trestle.work_order_WO_2d_1042",
                        "Hydraulic leak on boom cylinder", "Oil under the boom", "17", "corrective", "2",
                        "2026-11-26 09:30:00", "1.5", "maintenance.stage_0", "normal", "", "0"));
    }

    @Test
    void everyChangeOfAWorkOrderUpsertsTheSameRequestAndStatesWithoutAValueClearTheField() {
        WorkOrderChanged opened = opened("WO-1", "17");
        WorkOrderChanged onHold = changed(opened, WorkOrderChange.UPDATED, WorkOrderStatus.ON_HOLD).setPriority(null)
                .build();

        Mapped first = (Mapped) MaintenanceRequests.map(workOrders(), opened);
        Mapped second = (Mapped) MaintenanceRequests.map(workOrders(), onHold);

        assertThat(second.row().externalId()).isEqualTo(first.row().externalId());
        assertThat(second.row().values()).containsSequence("", "", "", "maintenance.stage_1", "blocked");
    }

    @Test
    void aClosedWorkOrderReachesTheDoneStageOnItsCloseDateAndACancelledOneIsArchived() {
        WorkOrderChanged opened = opened("WO-2", "17");
        WorkOrderChanged done = changed(opened, WorkOrderChange.CLOSED, WorkOrderStatus.DONE)
                .setClosedAt(Instant.parse("2026-11-27T23:30:00Z"))
                .build();
        WorkOrderChanged cancelled = changed(opened, WorkOrderChange.CLOSED, WorkOrderStatus.CANCELLED)
                .setClosedAt(Instant.parse("2026-11-28T06:00:00Z"))
                .build();

        assertThat(((Mapped) MaintenanceRequests.map(workOrders(), done)).row().values())
                .endsWith("maintenance.stage_3", "normal", "2026-11-27", "0");
        assertThat(((Mapped) MaintenanceRequests.map(workOrders(), cancelled)).row().values())
                .endsWith("maintenance.stage_3", "normal", "2026-11-28", "1");
    }

    @Test
    void onlyAPlannedWorkOrderIsPreventive() {
        assertThat(MaintenanceRequests.maintenanceType(MaintenanceType.PREVENTIVE)).isEqualTo("preventive");
        assertThat(MaintenanceRequests.maintenanceType(MaintenanceType.CORRECTIVE)).isEqualTo("corrective");
        assertThat(MaintenanceRequests.maintenanceType(MaintenanceType.UNKNOWN)).isEqualTo("corrective");
    }

    @Test
    void assetIdsThatAreNotOdooEquipmentIdsPrioritiesOffTheScaleAndUnknownStatusesNeverReachOdoo() {
        assertThat(MaintenanceRequests.map(workOrders(), opened("WO-3", "EX-1001")))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("UNKNOWN_CANONICAL_ID");
                    assertThat(refused.message()).contains("'EX-1001'");
                });
        WorkOrderChanged urgent = opened("WO-4", "17");
        urgent.setPriority(5);
        assertThat(MaintenanceRequests.map(workOrders(), urgent)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reasonCode()).isEqualTo("VALUE_OUT_OF_RANGE"));
        WorkOrderChanged unknown = changed(opened("WO-5", "17"), WorkOrderChange.UPDATED, WorkOrderStatus.UNKNOWN)
                .build();
        assertThat(MaintenanceRequests.map(workOrders(), unknown)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reasonCode()).isEqualTo("SCHEMA_VIOLATION"));
    }

    @Test
    void distinctWorkOrderIdsNeverShareAnExternalId() {
        assertThat(MaintenanceRequests.externalId(workOrders(), "fleet:WO-7"))
                .isEqualTo("trestle.work_order_fleet_3a_WO_2d_7");
        assertThat(MaintenanceRequests.externalId(workOrders(), "a_b"))
                .isNotEqualTo(MaintenanceRequests.externalId(workOrders(), "a:b"))
                .isNotEqualTo(MaintenanceRequests.externalId(workOrders(), "a-b"));
    }
}
