package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.domain.Consumed;
import io.trestle.odoosink.domain.PendingTaskCancelled;
import io.trestle.odoosink.domain.PendingTaskChanged;
import io.trestle.odoosink.domain.PendingTaskScheduled;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.TaskSchedules.Mapped;
import io.trestle.odoosink.service.TaskSchedules.Refused;
import io.trestle.schema.operations.ErrorClass;

/**
 * Writes batches of approved schedule changes onto Odoo tasks, whatever the planning target: crew assignments may go to
 * planning slots, but a task's own deadline, allocated hours and state live on the task.
 *
 * <p>
 * The tasks are addressed by database id ({@code .id}) in a {@code load}, so several tasks go in one call, and a task
 * Odoo does not have is refused on its own (by the {@link BatchLoader}) while its neighbours are written. Writing the
 * same values again changes nothing, which makes redelivery harmless.
 */
@ApplicationScoped
public class TaskScheduleWriter {

    private final OdooClient odoo;

    @Inject
    public TaskScheduleWriter(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** One result per event, in batch order; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> writeScheduled(List<PendingTaskScheduled> batch) {
        return write(batch, pending -> TaskSchedules.scheduled(pending.scheduled()));
    }

    /** One result per event, in batch order; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> writeChanged(List<PendingTaskChanged> batch) {
        return write(batch, pending -> TaskSchedules.changed(pending.changed()));
    }

    /** One result per event, in batch order; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> writeCancelled(List<PendingTaskCancelled> batch) {
        return write(batch, pending -> TaskSchedules.cancelled(pending.cancelled()));
    }

    private <P extends Consumed> List<SinkResult> write(List<P> batch, Function<P, TaskSchedules.Mapping> mapping) {
        SinkResult[] results = new SinkResult[batch.size()];
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            P pending = batch.get(i);
            TaskSchedules.Mapping mapped = mapping.apply(pending);
            if (mapped instanceof Refused refused) {
                results[i] = new SinkResult.Rejected(pending, TaskSchedules.MODEL, refused.reasonCode(),
                        ErrorClass.BUSINESS, null, refused.message());
            } else {
                candidates.add(new Candidate(i, pending, ((Mapped) mapped).update()));
            }
        }
        for (List<Candidate> wave : OrderedLoads.waves(candidates, candidate -> candidate.update().taskId())) {
            for (BatchLoader.Loaded<Candidate> fate : OrderedLoads.load(odoo, TaskSchedules.MODEL, wave,
                    candidate -> candidate.update().columns())) {
                Candidate candidate = fate.candidate();
                if (fate instanceof BatchLoader.Written<Candidate>) {
                    results[candidate.index()] = new SinkResult.Posted(candidate.pending(), TaskSchedules.MODEL,
                            candidate.update().taskId(), null);
                } else if (fate instanceof BatchLoader.Refused<Candidate> refusedByOdoo) {
                    results[candidate.index()] = new SinkResult.Rejected(candidate.pending(), TaskSchedules.MODEL,
                            "ODOO_REJECTED", ErrorClass.BUSINESS, refusedByOdoo.errorName(), refusedByOdoo.message());
                }
            }
        }
        return List.of(results);
    }

    private record Candidate(int index, Consumed pending, TaskSchedules.Update update) {
    }
}
