package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingFault;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.BreakdownRequests.Mapped;
import io.trestle.odoosink.service.BreakdownRequests.NotABreakdown;
import io.trestle.odoosink.service.BreakdownRequests.Refused;
import io.trestle.schema.operations.ErrorClass;

/**
 * Opens one corrective maintenance request per breakdown, and none for a breakdown the maintenance team already has in
 * hand.
 *
 * <p>
 * A broken machine keeps reporting: the same code comes back as new occurrences, operators report what telematics
 * already saw, the platform opens a work order. A breakdown therefore opens a request only when its machine has no open
 * corrective request; otherwise it is recorded as already posted against the request that covers it. A fault this sink
 * already wrote (a redelivery, even after the request was closed) is also already posted, so a replay never reopens a
 * repaired machine's request. Per batch: one lookup of the faults' external ids, one of the done stages, one of the
 * open requests, then loads.
 */
@ApplicationScoped
public class BreakdownRequestWriter {

    private final OdooClient odoo;
    private final BatchLoader<Candidate> loader;
    private final SinkConfig.WorkOrders workOrders;

    @Inject
    public BreakdownRequestWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.workOrders());
    }

    BreakdownRequestWriter(OdooClient odoo, SinkConfig.WorkOrders workOrders) {
        this.odoo = odoo;
        this.loader = new BatchLoader<>(odoo, BreakdownRequests.MODEL, BreakdownRequests.FIELDS,
                candidate -> candidate.row().values());
        this.workOrders = workOrders;
    }

    /** One result per fault of the batch; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> write(List<PendingFault> batch) {
        List<SinkResult> results = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PendingFault pending : batch) {
            BreakdownRequests.Mapping mapping = BreakdownRequests.map(workOrders, pending.fault());
            if (mapping instanceof NotABreakdown skipped) {
                results.add(new SinkResult.Skipped(pending, BreakdownRequests.MODEL, skipped.why()));
            } else if (mapping instanceof Refused refused) {
                results.add(new SinkResult.Rejected(pending, BreakdownRequests.MODEL, refused.reasonCode(),
                        ErrorClass.BUSINESS, null, refused.message()));
            } else {
                candidates.add(new Candidate(pending, ((Mapped) mapping).row()));
            }
        }
        if (candidates.isEmpty()) {
            return results;
        }
        Map<String, Long> alreadyWritten = requestsOfFaults(candidates);
        List<Candidate> newFaults = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Long request = alreadyWritten.get(OdooIds.name(candidate.row().externalId()));
            if (request != null) {
                results.add(new SinkResult.AlreadyPosted(candidate.pending(), BreakdownRequests.MODEL, request,
                        "fault already recorded on maintenance request " + request));
            } else {
                newFaults.add(candidate);
            }
        }
        if (!newFaults.isEmpty()) {
            open(newFaults, openRequests(newFaults), results);
        }
        return results;
    }

    /**
     * Loads the first breakdown of each machine without an open request; the machine's other breakdowns are covered by
     * it. When Odoo refuses that first one, the next breakdown of the machine gets its turn, so one bad row never
     * silences a machine.
     */
    private void open(List<Candidate> waiting, Map<Long, Long> openRequestByEquipment, List<SinkResult> results) {
        while (!waiting.isEmpty()) {
            Map<Long, Candidate> openers = new LinkedHashMap<>();
            List<Candidate> later = new ArrayList<>();
            for (Candidate candidate : waiting) {
                Long request = openRequestByEquipment.get(candidate.row().equipmentId());
                if (request != null) {
                    results.add(covered(candidate, request));
                } else if (openers.putIfAbsent(candidate.row().equipmentId(), candidate) != null) {
                    later.add(candidate);
                }
            }
            for (BatchLoader.Loaded<Candidate> fate : loader.load(List.copyOf(openers.values()))) {
                Candidate candidate = fate.candidate();
                if (fate instanceof BatchLoader.Written<Candidate> written) {
                    openRequestByEquipment.put(candidate.row().equipmentId(), written.odooId());
                    results.add(new SinkResult.Posted(candidate.pending(), BreakdownRequests.MODEL, written.odooId(),
                            candidate.row().externalId()));
                } else if (fate instanceof BatchLoader.Refused<Candidate> refused) {
                    results.add(new SinkResult.Rejected(candidate.pending(), BreakdownRequests.MODEL, "ODOO_REJECTED",
                            ErrorClass.BUSINESS, refused.errorName(), refused.message()));
                }
            }
            waiting = later;
        }
    }

    private static SinkResult covered(Candidate candidate, long request) {
        return new SinkResult.AlreadyPosted(candidate.pending(), BreakdownRequests.MODEL, request,
                "equipment " + candidate.row().equipmentId() + " already has open maintenance request " + request);
    }

    /** Faults of the batch this sink already wrote, by external id name. */
    private Map<String, Long> requestsOfFaults(List<Candidate> candidates) {
        List<String> names = candidates.stream().map(c -> OdooIds.name(c.row().externalId())).distinct().toList();
        return OdooIds.existing(odoo, workOrders.externalIdModule(), BreakdownRequests.MODEL, names);
    }

    /** The oldest open corrective request of each machine of the batch. */
    private Map<Long, Long> openRequests(List<Candidate> candidates) {
        List<Long> doneStages = odoo.search("maintenance.stage", List.of(List.of("done", "=", true)),
                SearchOptions.none());
        Set<Long> equipment = candidates.stream().map(c -> c.row().equipmentId()).collect(Collectors.toSet());
        List<Map<String, Object>> open = odoo.searchRead(BreakdownRequests.MODEL,
                List.of(List.of("equipment_id", "in", List.copyOf(equipment)),
                        List.of("maintenance_type", "=", "corrective"), List.of("stage_id", "not in", doneStages),
                        List.of("archive", "=", false)),
                List.of("id", "equipment_id"), new SearchOptions(null, null, "id"));
        Map<Long, Long> byEquipment = new LinkedHashMap<>();
        for (Map<String, Object> request : open) {
            long equipmentId = ((Number) ((List<?>) request.get("equipment_id")).get(0)).longValue();
            byEquipment.putIfAbsent(equipmentId, ((Number) request.get("id")).longValue());
        }
        return byEquipment;
    }

    private record Candidate(PendingFault pending, BreakdownRequests.Row row) {
    }
}
