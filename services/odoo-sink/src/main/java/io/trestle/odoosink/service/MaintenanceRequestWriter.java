package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingWorkOrder;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.MaintenanceRequests.Mapped;
import io.trestle.odoosink.service.MaintenanceRequests.Refused;
import io.trestle.schema.operations.ErrorClass;

/**
 * Writes a batch of work order changes as maintenance requests in as few Odoo calls as possible; the
 * {@link BatchLoader} isolates the rows Odoo refuses (an unknown equipment id, say) so their neighbours get written.
 */
@ApplicationScoped
public class MaintenanceRequestWriter {

    private final BatchLoader<Candidate> loader;
    private final SinkConfig.WorkOrders workOrders;

    @Inject
    public MaintenanceRequestWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.workOrders());
    }

    MaintenanceRequestWriter(OdooClient odoo, SinkConfig.WorkOrders workOrders) {
        this.loader = new BatchLoader<>(odoo, MaintenanceRequests.MODEL, MaintenanceRequests.FIELDS,
                candidate -> candidate.row().values());
        this.workOrders = workOrders;
    }

    /** One result per change of the batch; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> write(List<PendingWorkOrder> batch) {
        List<SinkResult> results = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PendingWorkOrder pending : batch) {
            MaintenanceRequests.Mapping mapping = MaintenanceRequests.map(workOrders, pending.workOrder());
            if (mapping instanceof Refused refused) {
                results.add(new SinkResult.Rejected(pending, MaintenanceRequests.MODEL, refused.reasonCode(),
                        ErrorClass.BUSINESS, null, refused.message()));
            } else {
                candidates.add(new Candidate(pending, ((Mapped) mapping).row()));
            }
        }
        // One load may carry several changes of the same work order; Odoo applies its rows in order, so the last
        // change of the batch is what the request ends with, as on the topic.
        for (BatchLoader.Loaded<Candidate> fate : loader.load(candidates)) {
            PendingWorkOrder pending = fate.candidate().pending();
            if (fate instanceof BatchLoader.Written<Candidate> written) {
                results.add(new SinkResult.Posted(pending, MaintenanceRequests.MODEL, written.odooId(),
                        fate.candidate().row().externalId()));
            } else if (fate instanceof BatchLoader.Refused<Candidate> refusedByOdoo) {
                results.add(new SinkResult.Rejected(pending, MaintenanceRequests.MODEL, "ODOO_REJECTED",
                        ErrorClass.BUSINESS, refusedByOdoo.errorName(), refusedByOdoo.message()));
            }
        }
        return results;
    }

    private record Candidate(PendingWorkOrder pending, MaintenanceRequests.Row row) {
    }
}
