package io.trestle.odoosink.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingCrewAssignment;
import io.trestle.odoosink.domain.PendingFault;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.PendingTaskCancelled;
import io.trestle.odoosink.domain.PendingTaskChanged;
import io.trestle.odoosink.domain.PendingTaskScheduled;
import io.trestle.odoosink.domain.PendingWorkOrder;
import io.trestle.odoosink.service.AnalyticLineWriter;
import io.trestle.odoosink.service.AnalyticLines;
import io.trestle.odoosink.service.BreakdownRequestWriter;
import io.trestle.odoosink.service.CrewAssignmentWriter;
import io.trestle.odoosink.service.MaintenanceRequestWriter;
import io.trestle.odoosink.service.MaintenanceRequests;
import io.trestle.odoosink.service.PurchaseOrderWriter;
import io.trestle.odoosink.service.PurchaseOrders;
import io.trestle.odoosink.service.TaskScheduleWriter;
import io.trestle.odoosink.service.TaskSchedules;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.schedule.CrewAssignmentChanged;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskChanged;
import io.trestle.schema.schedule.TaskScheduled;

/** Every topic the sink writes into Odoo, with the writer that does it. */
@ApplicationScoped
class SinkInputs {

    private final List<SinkInput<?, ?>> all;

    @Inject
    SinkInputs(SinkConfig config, AnalyticLineWriter analyticLines, MaintenanceRequestWriter maintenanceRequests,
            BreakdownRequestWriter breakdowns, PurchaseOrderWriter purchaseOrders, TaskScheduleWriter taskSchedules,
            CrewAssignmentWriter crews) {
        SinkConfig.Topics topics = config.topics();
        this.all = List.of(
                EventInput.of("cost-posting", topics.costPostings(), AnalyticLines.MODEL, CostPosting.class,
                        CostPosting.getClassSchema(), PendingPosting::new, analyticLines::write),
                EventInput.of("work-order", topics.workOrders(), MaintenanceRequests.MODEL, WorkOrderChanged.class,
                        WorkOrderChanged.getClassSchema(), PendingWorkOrder::new, maintenanceRequests::write),
                // The parts of work orders are ordered from the same topic by an input of their own, so a purchase
                // Odoo refuses or delays never holds up the maintenance requests, nor the other way round.
                EventInput.of("purchase-order", topics.workOrders(), PurchaseOrders.MODEL, WorkOrderChanged.class,
                        WorkOrderChanged.getClassSchema(), PendingWorkOrder::new, purchaseOrders::write),
                EventInput.of("fault", topics.faults(), MaintenanceRequests.MODEL, FaultReported.class,
                        FaultReported.getClassSchema(), PendingFault::new, breakdowns::write),
                EventInput.of("task-scheduled", topics.taskScheduled(), TaskSchedules.MODEL, TaskScheduled.class,
                        TaskScheduled.getClassSchema(), PendingTaskScheduled::new, taskSchedules::writeScheduled),
                EventInput.of("task-changed", topics.taskChanged(), TaskSchedules.MODEL, TaskChanged.class,
                        TaskChanged.getClassSchema(), PendingTaskChanged::new, taskSchedules::writeChanged),
                EventInput.of("task-cancelled", topics.taskCancelled(), TaskSchedules.MODEL, TaskCancelled.class,
                        TaskCancelled.getClassSchema(), PendingTaskCancelled::new, taskSchedules::writeCancelled),
                // Assignments land on tasks or, with Enterprise planning, on planning slots; a retry outcome names
                // the task, which is where the assignment shows either way.
                EventInput.of("crew-assignment", topics.crewAssignments(), TaskSchedules.MODEL,
                        CrewAssignmentChanged.class, CrewAssignmentChanged.getClassSchema(), PendingCrewAssignment::new,
                        crews::write));
    }

    List<SinkInput<?, ?>> all() {
        return all;
    }
}
