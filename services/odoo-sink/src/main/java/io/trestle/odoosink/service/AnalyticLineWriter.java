package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoo.client.LoadMessage;
import io.trestle.odoo.client.LoadResult;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoo.client.OdooMissingRecordException;
import io.trestle.odoo.client.OdooValidationException;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.WriteOutcome;
import io.trestle.odoosink.service.AnalyticLines.Mapped;
import io.trestle.odoosink.service.AnalyticLines.Refused;
import io.trestle.schema.operations.ErrorClass;

/**
 * Writes a batch of postings as analytic lines in as few Odoo calls as possible, and isolates the rows Odoo refuses.
 *
 * <p>
 * Odoo rolls a whole {@code load} back when one row is bad. When its answer names the bad rows, those are set aside and
 * the rest is loaded again; when it raises an error for the call as a whole, the batch is split in halves until the bad
 * row stands alone. Either way the good neighbours of a bad row get written. Failures that are not about the data (Odoo
 * unavailable, credentials or access rights wrong) are not the rows' fault and propagate to the caller, which pauses
 * and retries or stops.
 */
@ApplicationScoped
public class AnalyticLineWriter {

    private final OdooClient odoo;
    private final SinkConfig.Costs costs;

    @Inject
    public AnalyticLineWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.costs());
    }

    AnalyticLineWriter(OdooClient odoo, SinkConfig.Costs costs) {
        this.odoo = odoo;
        this.costs = costs;
    }

    /** A writer outside the application, for the throughput benchmark. */
    public static AnalyticLineWriter forBenchmark(OdooClient odoo, SinkConfig.Costs costs) {
        return new AnalyticLineWriter(odoo, costs);
    }

    /** One outcome per posting of the batch; throws the {@link OdooException}s that are not about the data. */
    public List<WriteOutcome> write(List<PendingPosting> batch) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PendingPosting pending : batch) {
            AnalyticLines.Mapping mapping = AnalyticLines.map(costs, pending.posting());
            if (mapping instanceof Refused refused) {
                outcomes.add(new WriteOutcome.Rejected(pending, refused.reasonCode(), ErrorClass.BUSINESS, null,
                        refused.message()));
            } else {
                candidates.add(new Candidate(pending, ((Mapped) mapping).row()));
            }
        }
        load(candidates, outcomes);
        return outcomes;
    }

    private void load(List<Candidate> candidates, List<WriteOutcome> outcomes) {
        if (candidates.isEmpty()) {
            return;
        }
        LoadResult result;
        try {
            result = odoo.load(AnalyticLines.MODEL, AnalyticLines.FIELDS,
                    candidates.stream().map(candidate -> candidate.row().values()).toList());
        } catch (OdooValidationException | OdooMissingRecordException refusedCall) {
            bisect(candidates, outcomes, refusedCall);
            return;
        }
        if (result.ok()) {
            for (int i = 0; i < candidates.size(); i++) {
                Candidate candidate = candidates.get(i);
                outcomes.add(new WriteOutcome.Posted(candidate.pending(), result.ids().get(i),
                        candidate.row().externalId()));
            }
            return;
        }
        Set<Integer> badRows = result.messages().stream()
                .filter(LoadMessage::isError)
                .map(LoadMessage::row)
                .filter(row -> row != null && row >= 0 && row < candidates.size())
                .collect(Collectors.toSet());
        if (badRows.isEmpty()) {
            bisect(candidates, outcomes, null);
            return;
        }
        List<Candidate> rest = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (badRows.contains(i)) {
                String message = result.errorsOfRow(i).stream()
                        .map(m -> m.field() == null ? m.message() : m.field() + ": " + m.message())
                        .collect(Collectors.joining("; "));
                outcomes.add(new WriteOutcome.Rejected(candidates.get(i).pending(), "ODOO_REJECTED",
                        ErrorClass.BUSINESS, "load", message));
            } else {
                rest.add(candidates.get(i));
            }
        }
        load(rest, outcomes);
    }

    private void bisect(List<Candidate> candidates, List<WriteOutcome> outcomes, OdooException refusedCall) {
        if (candidates.size() == 1) {
            String name = refusedCall == null ? "load" : refusedCall.odooErrorName();
            String message = refusedCall == null ? "Odoo refused the row without saying why" : refusedCall.getMessage();
            outcomes.add(new WriteOutcome.Rejected(candidates.get(0).pending(), "ODOO_REJECTED", ErrorClass.BUSINESS,
                    name, message));
            return;
        }
        int middle = candidates.size() / 2;
        load(candidates.subList(0, middle), outcomes);
        load(candidates.subList(middle, candidates.size()), outcomes);
    }

    private record Candidate(PendingPosting pending, AnalyticLines.Row row) {
    }
}
