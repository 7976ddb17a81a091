package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 *
 * <p>
 * A work order that repairs a breakdown the sink already opened a request for takes that request over: while the work
 * order has no request of its own, its changes are loaded onto the breakdown's request by database id, so the
 * maintenance team sees one request from the breakdown to the repair.
 */
@ApplicationScoped
public class MaintenanceRequestWriter {

    private final OdooClient odoo;
    private final BatchLoader<Candidate> byExternalId;
    private final BatchLoader<Candidate> byDatabaseId;
    private final SinkConfig.WorkOrders workOrders;

    @Inject
    public MaintenanceRequestWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.workOrders());
    }

    MaintenanceRequestWriter(OdooClient odoo, SinkConfig.WorkOrders workOrders) {
        this.odoo = odoo;
        this.byExternalId = new BatchLoader<>(odoo, MaintenanceRequests.MODEL, MaintenanceRequests.FIELDS,
                Candidate::values);
        List<String> byIdFields = new ArrayList<>(MaintenanceRequests.FIELDS);
        byIdFields.set(0, ".id");
        this.byDatabaseId = new BatchLoader<>(odoo, MaintenanceRequests.MODEL, List.copyOf(byIdFields),
                Candidate::values);
        this.workOrders = workOrders;
    }

    /** One result per change of the batch; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> write(List<PendingWorkOrder> batch) {
        List<SinkResult> results = new ArrayList<>();
        List<Candidate> mapped = new ArrayList<>();
        for (PendingWorkOrder pending : batch) {
            MaintenanceRequests.Mapping mapping = MaintenanceRequests.map(workOrders, pending.workOrder());
            if (mapping instanceof Refused refused) {
                results.add(new SinkResult.Rejected(pending, MaintenanceRequests.MODEL, refused.reasonCode(),
                        ErrorClass.BUSINESS, null, refused.message()));
            } else {
                mapped.add(new Candidate(pending, ((Mapped) mapping).row(), null));
            }
        }
        List<Candidate> candidates = withBreakdownRequests(mapped);
        // One load may carry several changes of the same work order; Odoo applies its rows in order, so the last
        // change of the batch is what the request ends with, as on the topic.
        List<BatchLoader.Loaded<Candidate>> fates = new ArrayList<>(
                byExternalId.load(candidates.stream().filter(c -> c.breakdownRequest() == null).toList()));
        fates.addAll(byDatabaseId.load(candidates.stream().filter(c -> c.breakdownRequest() != null).toList()));
        for (BatchLoader.Loaded<Candidate> fate : fates) {
            PendingWorkOrder pending = fate.candidate().pending();
            if (fate instanceof BatchLoader.Written<Candidate> written) {
                results.add(new SinkResult.Posted(pending, MaintenanceRequests.MODEL, written.odooId(),
                        fate.candidate().breakdownRequest() == null ? fate.candidate().row().externalId() : null));
            } else if (fate instanceof BatchLoader.Refused<Candidate> refusedByOdoo) {
                results.add(new SinkResult.Rejected(pending, MaintenanceRequests.MODEL, "ODOO_REJECTED",
                        ErrorClass.BUSINESS, refusedByOdoo.errorName(), refusedByOdoo.message()));
            }
        }
        return results;
    }

    /**
     * Points the work orders that repair a breakdown at the breakdown's request, unless they already have a request of
     * their own: one lookup of external ids for the batch, and only when a work order names a fault.
     */
    private List<Candidate> withBreakdownRequests(List<Candidate> candidates) {
        List<String> names = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String faultId = candidate.pending().workOrder().getFaultId();
            if (faultId != null) {
                names.add(OdooIds.name(candidate.row().externalId()));
                names.add(OdooIds.name(BreakdownRequests.externalId(workOrders, faultId)));
            }
        }
        if (names.isEmpty()) {
            return candidates;
        }
        Map<String, Long> existing = OdooIds.existing(odoo, workOrders.externalIdModule(),
                MaintenanceRequests.MODEL, names);
        return candidates.stream().map(candidate -> {
            String faultId = candidate.pending().workOrder().getFaultId();
            if (faultId == null || existing.containsKey(OdooIds.name(candidate.row().externalId()))) {
                return candidate;
            }
            Long breakdownRequest = existing
                    .get(OdooIds.name(BreakdownRequests.externalId(workOrders, faultId)));
            return new Candidate(candidate.pending(), candidate.row(), breakdownRequest);
        }).toList();
    }

    /**
     * @param breakdownRequest
     *            the breakdown's request the work order takes over, or null to load it by its own external id
     */
    private record Candidate(PendingWorkOrder pending, MaintenanceRequests.Row row, Long breakdownRequest) {

        List<String> values() {
            if (breakdownRequest == null) {
                return row.values();
            }
            List<String> values = new ArrayList<>(row.values());
            values.set(0, breakdownRequest.toString());
            return values;
        }
    }
}
