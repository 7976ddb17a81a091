package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.AnalyticLines.Mapped;
import io.trestle.odoosink.service.AnalyticLines.Refused;
import io.trestle.schema.operations.ErrorClass;

/**
 * Writes a batch of postings as analytic lines in as few Odoo calls as possible; the {@link BatchLoader} isolates the
 * rows Odoo refuses so their good neighbours get written. Postings that must not reach Odoo are refused without a call.
 */
@ApplicationScoped
public class AnalyticLineWriter {

    private final BatchLoader<Candidate> loader;
    private final SinkConfig.Costs costs;

    @Inject
    public AnalyticLineWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.costs());
    }

    AnalyticLineWriter(OdooClient odoo, SinkConfig.Costs costs) {
        this.loader = new BatchLoader<>(odoo, AnalyticLines.MODEL, AnalyticLines.FIELDS,
                candidate -> candidate.row().values());
        this.costs = costs;
    }

    /** A writer outside the application, for the throughput benchmark. */
    public static AnalyticLineWriter forBenchmark(OdooClient odoo, SinkConfig.Costs costs) {
        return new AnalyticLineWriter(odoo, costs);
    }

    /** One result per posting of the batch; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> write(List<PendingPosting> batch) {
        List<SinkResult> outcomes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PendingPosting pending : batch) {
            AnalyticLines.Mapping mapping = AnalyticLines.map(costs, pending.posting());
            if (mapping instanceof Refused refused) {
                outcomes.add(new SinkResult.Rejected(pending, AnalyticLines.MODEL, refused.reasonCode(),
                        ErrorClass.BUSINESS, null,
                        refused.message()));
            } else {
                candidates.add(new Candidate(pending, ((Mapped) mapping).row()));
            }
        }
        for (BatchLoader.Loaded<Candidate> fate : loader.load(candidates)) {
            PendingPosting pending = fate.candidate().pending();
            if (fate instanceof BatchLoader.Written<Candidate> written) {
                outcomes.add(new SinkResult.Posted(pending, AnalyticLines.MODEL, written.odooId(),
                        fate.candidate().row().externalId()));
            } else if (fate instanceof BatchLoader.Refused<Candidate> refusedByOdoo) {
                outcomes.add(new SinkResult.Rejected(pending, AnalyticLines.MODEL, "ODOO_REJECTED", ErrorClass.BUSINESS,
                        refusedByOdoo.errorName(), refusedByOdoo.message()));
            }
        }
        return outcomes;
    }

    private record Candidate(PendingPosting pending, AnalyticLines.Row row) {
    }
}
